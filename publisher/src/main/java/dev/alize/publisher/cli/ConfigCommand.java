package dev.alize.publisher.cli;

import dev.alize.publisher.config.ConfigLocation;
import dev.alize.publisher.http.ConfigurationCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code config check}: the configuration {@code serve} would read, and what is wrong in it. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Check the configuration of serve without starting it.",
    subcommands = ConfigCommand.Check.class)
final class ConfigCommand {

  /** {@code config check [--config FILE] [--json]}. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Print the configuration serve would read, token hashes masked, then what is wrong in it.",
        "Exits 0 when the configuration is fine, 1 when it is not."
      })
  static final class Check implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--config",
        paramLabel = "FILE",
        description =
            "The configuration file; by default the one serve reads: the file "
                + ConfigLocation.VARIABLE
                + " names, else /etc/alize/publisher.yml when it exists.")
    Path config;

    @Option(names = "--json", description = "Answer in JSON: file, settings and problems.")
    boolean json;

    @Override
    public Integer call() {
      Path file = ConfigLocation.find(config, System.getenv(), ConfigLocation.DEFAULT).orElse(null);
      ConfigurationCheck.Report report = ConfigurationCheck.check(file);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("file", file == null ? null : file.toString());
        answer.put("settings", report.settings());
        answer.put("problems", report.problems());
        Json.print(out, answer);
      } else {
        out.println(
            "configuration: "
                + (file == null ? "none: the write API refuses every call" : file.toString()));
        for (ConfigurationCheck.Setting s : report.settings()) {
          out.printf("  %s = %s  (%s)%n", s.key(), s.value(), s.from());
        }
        if (report.problems().isEmpty()) {
          out.println("no problem found");
        } else {
          report.problems().forEach(p -> out.println("problem: " + p));
        }
      }
      out.flush();
      return report.problems().isEmpty() ? 0 : 1;
    }
  }
}
