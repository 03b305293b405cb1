package dev.alize.consumer.http;

import static dev.alize.consumer.http.BodyLimits.MAX_NAME;

import dev.alize.common.version.SemanticVersion;
import io.micronaut.core.annotation.Introspected;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of an approval: {@code {"datasource": "eole", "version": "2.0.0"}}. */
@Introspected
record ApprovalBody(
    @NotNull(message = "required (as eole)")
        @Size(max = MAX_NAME, message = "at most {max} characters")
        @DatasourceName
        String datasource,
    @NotNull(message = "required (MAJOR.MINOR.PATCH)")
        @Size(max = MAX_NAME, message = "at most {max} characters")
        @VersionText
        String version) {

  SemanticVersion semanticVersion() {
    return SemanticVersion.parse(version);
  }
}
