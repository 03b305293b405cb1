package dev.alize.consumer.cli;

import dev.alize.common.version.SemanticVersion;
import dev.alize.consumer.config.ConfigurationException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code approve NAME VERSION}: lets the next sync import a release held by policy. */
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description = {
      "Approve a release held by the auto-approve policy; the next sync imports it.",
      "Also lifts the pin a rollback left on the datasource."
    })
final class ApproveCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Mixin ActorOption actor;

  @Parameters(index = "0", paramLabel = "NAME", description = "The datasource.")
  String datasource;

  @Parameters(index = "1", paramLabel = "VERSION", description = "The release held, as 2.1.0.")
  String version;

  @Override
  public Integer call() {
    SemanticVersion parsed =
        SemanticVersion.find(version)
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        "'" + version + "' is not a version: write MAJOR.MINOR.PATCH"));
    try (ConsumerContext context = ConsumerContext.open(config.file())) {
      ConsumerServices services = context.services();
      services.admin().approve(datasource, parsed, actor.name());
    }
    spec.commandLine()
        .getOut()
        .printf("approved %s %s: the next sync imports it%n", datasource, parsed);
    return 0;
  }
}
