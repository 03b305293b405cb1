package dev.alize.consumer.cli;

import dev.alize.common.version.SemanticVersion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code approve NAME VERSION}: lets the next sync import a release held by policy; with {@code
 * --withdraw}, holds it again.
 */
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description = {
      "Approve a release held by the auto-approve policy; the next sync imports it.",
      "Also lifts the pin a rollback left on the datasource.",
      "With --withdraw, withdraw that approval instead: the next sync holds the release again."
    })
final class ApproveCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Mixin ActorOption actor;

  @Parameters(index = "0", paramLabel = "NAME", description = "The datasource.")
  String datasource;

  @Parameters(index = "1", paramLabel = "VERSION", description = "The release held, as 2.1.0.")
  String version;

  @Option(
      names = "--withdraw",
      description = "Withdraw the approval of the release; an error if it was not approved.")
  boolean withdraw;

  @Override
  public Integer call() {
    SemanticVersion parsed = Flags.version(spec, version);
    try (ConsumerContext context = ConsumerContext.open(config.file())) {
      ConsumerServices services = context.services();
      if (withdraw) {
        services.admin().withdrawApproval(datasource, parsed, actor.name());
      } else {
        services.admin().approve(datasource, parsed, actor.name());
      }
    }
    spec.commandLine()
        .getOut()
        .printf(
            withdraw
                ? "withdrew the approval of %s %s: the next sync holds it again%n"
                : "approved %s %s: the next sync imports it%n",
            datasource,
            parsed);
    return 0;
  }
}
