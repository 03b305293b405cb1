package dev.alize.consumer.cli;

import dev.alize.consumer.app.ConsumerApplication;
import dev.alize.consumer.config.ConfigurationCheck;
import dev.alize.consumer.config.ConfigurationException;
import dev.alize.consumer.config.RepositoryProperties;
import dev.alize.consumer.config.Subscriptions;
import dev.alize.consumer.http.AdminProperties;
import dev.alize.consumer.http.ApiProperties;
import dev.alize.consumer.http.ApiSettings;
import dev.alize.consumer.http.ApiTlsProperties;
import dev.alize.consumer.sync.StatusStore;
import io.micronaut.context.ApplicationContext;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code config check}: the configuration a command would run with, and what is wrong in it. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Check the site's configuration without opening the database.",
    subcommands = ConfigCommand.Check.class)
final class ConfigCommand {

  /** {@code config check [--config FILE] [--json]}. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Print the effective configuration (every key set, where from, and the defaults), secrets"
            + " masked, then what is wrong in it.",
        "Exits 0 when the configuration is fine, 1 when it is not."
      })
  static final class Check implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ConfigOption config;

    @Mixin JsonOption json;

    @Override
    public Integer call() {
      Optional<Path> file = config.file();
      ConfigurationCheck.Report report;
      List<String> problems;
      try (ApplicationContext context = ConsumerApplication.startConfiguration(file.orElse(null))) {
        report = ConfigurationCheck.report(context);
        problems = new ArrayList<>(report.problems());
        if (problems.isEmpty()) {
          // What spans a repository's keys, as its trusted root's file, and the admin API's, as
          // its certificate's files; a certificate to make is not made here.
          Path base =
              file.map(f -> f.toAbsolutePath().getParent()).orElse(Path.of("").toAbsolutePath());
          try {
            Subscriptions.from(context.getBeansOfType(RepositoryProperties.class), base);
          } catch (ConfigurationException e) {
            problems.add(e.getMessage());
          }
          try {
            ApiSettings.from(
                context.getBean(ApiProperties.class),
                context.getBeansOfType(AdminProperties.class),
                context.getBean(ApiTlsProperties.class),
                base);
          } catch (ConfigurationException e) {
            problems.add(e.getMessage());
          }
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json.requested()) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("file", file.map(Path::toString).orElse(null));
        answer.put("settings", report.settings());
        answer.put("problems", problems);
        out.println(StatusStore.toJson(answer));
      } else {
        out.println("configuration: " + config.shown());
        for (ConfigurationCheck.Setting s : report.settings()) {
          out.printf("  %s = %s  (%s)%n", s.key(), s.value(), s.from());
        }
        if (problems.isEmpty()) {
          out.println("no problem found");
        } else {
          problems.forEach(p -> out.println("problem: " + p));
          out.printf("%d problem(s)%n", problems.size());
        }
      }
      out.flush();
      return problems.isEmpty() ? 0 : 1;
    }
  }
}
