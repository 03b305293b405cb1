package dev.alize.consumer.http;

import dev.alize.common.datasource.Names;
import dev.alize.common.version.SemanticVersion;
import java.util.Set;

/** The body of an approval: {@code {"datasource": "eole", "version": "2.0.0"}}. */
record ApprovalBody(String datasource, SemanticVersion version) {

  static ApprovalBody read(String text) {
    JsonBody body = JsonBody.parse(text, true, Set.of("datasource", "version"));
    String datasource = body.requiredText("datasource", JsonBody.MAX_NAME, "as eole");
    String version = body.requiredText("version", JsonBody.MAX_NAME, "MAJOR.MINOR.PATCH");
    if (datasource != null) {
      Names.DATASOURCE.check(datasource).ifPresent(p -> body.problem("datasource: " + p));
    }
    SemanticVersion parsed = null;
    if (version != null) {
      parsed = SemanticVersion.find(version).orElse(null);
      if (parsed == null) {
        body.problem(
            "version: '"
                + ApiParameters.shorten(version)
                + "' is not a version: write MAJOR.MINOR.PATCH, as 2.0.0");
      }
    }
    body.done();
    return new ApprovalBody(datasource, parsed);
  }
}
