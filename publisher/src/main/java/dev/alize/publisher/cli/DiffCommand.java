package dev.alize.publisher.cli;

import dev.alize.common.datasource.Datasource;
import dev.alize.common.datasource.DatasourceLoader;
import dev.alize.common.datasource.LoadResult;
import dev.alize.common.diff.Change;
import dev.alize.common.diff.ChangeKind;
import dev.alize.common.diff.DatasourceDiff;
import dev.alize.common.diff.DatasourceDiffer;
import dev.alize.common.text.Printable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code diff OLD NEW}: the changes between two versions of a datasource and the bump. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Compare two versions of a datasource and name the version bump.",
      "MAJOR for a removal or a narrowed type or constraint, MINOR for an addition,",
      "PATCH for anything else. Exits 1 when either directory is not a valid datasource."
    })
final class DiffCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OLD_DIR", description = "The previous version.")
  Path before;

  @Parameters(index = "1", paramLabel = "NEW_DIR", description = "The new version.")
  Path after;

  @Option(names = "--json", description = "Answer in JSON.")
  boolean json;

  @Mixin YamlLimitOptions limits;

  @Override
  public Integer call() {
    DatasourceLoader loader = new DatasourceLoader(limits.limits());
    Optional<Datasource> old = load(loader, before);
    Optional<Datasource> now = load(loader, after);
    if (old.isEmpty() || now.isEmpty()) {
      return 1;
    }
    DatasourceDiff diff = DatasourceDiffer.diff(old.get(), now.get());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("bump", diff.bump().name());
      answer.put("modelsAdded", diff.models(ChangeKind.ADDED));
      answer.put("modelsRemoved", diff.models(ChangeKind.REMOVED));
      answer.put("modelsChanged", diff.models(ChangeKind.CHANGED));
      answer.put("changes", diff.changes().stream().map(DiffCommand::changeJson).toList());
      Json.print(out, answer);
    } else {
      for (Change c : diff.changes()) {
        out.printf("%s [%s]%n", Printable.args(c.toString(), c.bump()));
        c.details().forEach(d -> out.println("    " + Printable.escape(d)));
      }
      out.printf("%d change(s); implied bump: %s%n", diff.changes().size(), diff.bump().name());
    }
    out.flush();
    return 0;
  }

  private Optional<Datasource> load(DatasourceLoader loader, Path dir) {
    LoadResult result = loader.load(dir);
    if (!result.isValid()) {
      PrintWriter err = spec.commandLine().getErr();
      result.problems().forEach(err::println);
      err.printf("%s: %d problem(s); the datasource is not valid%n", dir, result.problems().size());
      err.flush();
    }
    return result.datasource();
  }

  private static Map<String, Object> changeJson(Change c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", c.kind().name());
    m.put("subject", c.subject().name());
    m.put("path", c.path());
    m.put("bump", c.bump().name());
    m.put("details", c.details());
    return m;
  }
}
