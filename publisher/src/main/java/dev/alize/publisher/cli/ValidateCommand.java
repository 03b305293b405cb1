package dev.alize.publisher.cli;

import dev.alize.common.datasource.Datasource;
import dev.alize.common.datasource.DatasourceLoader;
import dev.alize.common.datasource.LoadResult;
import dev.alize.common.error.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate DIR}: every problem of a datasource, one per line. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check a datasource directory against the format.",
      "Prints each problem as path:line:column: message and exits 1 when there is any;",
      "prints a one-line summary and exits 0 when the datasource is valid."
    })
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "The datasource directory.")
  Path directory;

  @Option(names = "--json", description = "Answer in JSON.")
  boolean json;

  @Mixin YamlLimitOptions limits;

  @Override
  public Integer call() {
    LoadResult result = new DatasourceLoader(limits.limits()).load(directory);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("directory", directory.toString());
      answer.put("valid", result.isValid());
      result.datasource().ifPresent(d -> answer.putAll(summary(d)));
      answer.put("problems", result.problems().stream().map(ValidateCommand::problemJson).toList());
      Json.print(out, answer);
    } else if (result.isValid()) {
      Datasource d = result.orThrow();
      out.printf(
          "%s: datasource %s is valid: %s, %s, %s%n",
          directory,
          d.name(),
          count(d.modelCount(), "model"),
          count(d.serviceCount(), "service"),
          count(d.releases().size(), "release"));
    } else {
      result.problems().forEach(out::println);
      spec.commandLine()
          .getErr()
          .printf(
              "%s: %d problem(s); the datasource is not valid%n",
              directory, result.problems().size());
    }
    out.flush();
    return result.isValid() ? 0 : 1;
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static Map<String, Object> summary(Datasource d) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("datasource", d.name());
    s.put("models", d.modelCount());
    s.put("services", d.serviceCount());
    s.put("releases", d.releases().keySet());
    return s;
  }

  private static Map<String, Object> problemJson(Problem p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", p.file());
    m.put("line", p.line());
    m.put("column", p.column());
    m.put("message", p.message());
    return m;
  }
}
