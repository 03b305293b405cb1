package dev.alize.publisher.cli;

import dev.alize.common.release.Channel;
import dev.alize.common.release.ReleaseFacts;
import dev.alize.publisher.repository.PublishException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The commands that move a release through its life: promote, deprecate, revoke. */
final class LifecycleCommands {

  private LifecycleCommands() {}

  /** The release a lifecycle command acts on. */
  static final class Target {
    @Parameters(index = "0", paramLabel = "NAME", description = "The datasource.")
    String name;

    @Parameters(index = "1", paramLabel = "VERSION", description = "The release's version.")
    String version;
  }

  @Command(
      name = "promote",
      mixinStandardHelpOptions = true,
      description = "Move a release to a more trusted channel: testing, then staged, then stable.")
  static final class Promote implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RepositoryOptions options;
    @Mixin Target target;

    @Option(names = "--channel", required = true, paramLabel = "staged|stable")
    String channel;

    @Override
    public Integer call() {
      Channel to =
          Channel.find(channel)
              .orElseThrow(
                  () ->
                      new PublishException(
                          "unknown channel '" + channel + "': use staged or stable"));
      ReleaseFacts facts =
          options
              .editor()
              .promote(
                  target.name,
                  ReleaseCommand.SemanticVersionOption.parse(target.version),
                  to,
                  options.actor());
      spec.commandLine()
          .getOut()
          .printf("promoted %s %s to %s%n", facts.datasource(), facts.version(), facts.channel());
      return 0;
    }
  }

  @Command(
      name = "deprecate",
      mixinStandardHelpOptions = true,
      description = "Mark a release deprecated: still served, never newly chosen by consumers.")
  static final class Deprecate implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RepositoryOptions options;
    @Mixin Target target;

    @Option(names = "--reason", required = true, paramLabel = "TEXT")
    String reason;

    @Override
    public Integer call() {
      ReleaseFacts facts =
          options
              .editor()
              .deprecate(
                  target.name,
                  ReleaseCommand.SemanticVersionOption.parse(target.version),
                  reason,
                  options.actor());
      spec.commandLine().getOut().printf("deprecated %s %s%n", facts.datasource(), facts.version());
      return 0;
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Remove a release from the targets: no consumer can download or choose it.")
  static final class Revoke implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RepositoryOptions options;
    @Mixin Target target;

    @Option(names = "--reason", required = true, paramLabel = "TEXT")
    String reason;

    @Override
    public Integer call() {
      ReleaseFacts facts =
          options
              .editor()
              .revoke(
                  target.name,
                  ReleaseCommand.SemanticVersionOption.parse(target.version),
                  reason,
                  options.actor());
      spec.commandLine().getOut().printf("revoked %s %s%n", facts.datasource(), facts.version());
      return 0;
    }
  }
}
