package dev.alize.publisher.cli;

import dev.alize.common.release.Channel;
import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.text.Printable;
import dev.alize.common.version.SemanticVersion;
import dev.alize.publisher.repository.PublishException;
import dev.alize.publisher.repository.RepositoryEditor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The commands that move a release through its life: promote, deprecate, revoke, reject, and roll
 * it out, halt and resume its rollout.
 */
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

    @Option(
        names = "--channel",
        required = true,
        paramLabel = "staged|stable",
        description = "The more trusted channel to move the release to.")
    String channel;

    @Option(
        names = "--rollout",
        paramLabel = "PLAN",
        description = "A new rollout plan from now: '10%%', or '5%%,25%%,100%% every 1d'.")
    String rollout;

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
                  rollout,
                  options.actor());
      spec.commandLine()
          .getOut()
          .printf(
              "promoted %s %s to %s%s%n",
              facts.datasource(),
              facts.version(),
              facts.channel(),
              facts.rollout() == null
                  ? ""
                  : "; rollout " + Printable.escape(facts.rollout().describe()));
      return 0;
    }
  }

  /** A lifecycle change that must say why: the reason is kept in the audit log. */
  abstract static class WithReason implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RepositoryOptions options;
    @Mixin Target target;

    @Option(
        names = "--reason",
        required = true,
        paramLabel = "TEXT",
        description = "Why, for the audit log and the consumers' admins.")
    String reason;

    abstract ReleaseFacts apply(RepositoryEditor editor, SemanticVersion version, String actor);

    /** The past tense printed once done: "deprecated". */
    abstract String done();

    @Override
    public Integer call() {
      ReleaseFacts facts =
          apply(
              options.editor(),
              ReleaseCommand.SemanticVersionOption.parse(target.version),
              options.actor());
      spec.commandLine().getOut().printf("%s %s %s%n", done(), facts.datasource(), facts.version());
      return 0;
    }
  }

  @Command(
      name = "deprecate",
      mixinStandardHelpOptions = true,
      description = "Mark a release deprecated: still served, never newly chosen by consumers.")
  static final class Deprecate extends WithReason {
    @Override
    ReleaseFacts apply(RepositoryEditor editor, SemanticVersion version, String actor) {
      return editor.deprecate(target.name, version, reason, actor);
    }

    @Override
    String done() {
      return "deprecated";
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Remove a release from the targets: no consumer can download or choose it.")
  static final class Revoke extends WithReason {
    @Override
    ReleaseFacts apply(RepositoryEditor editor, SemanticVersion version, String actor) {
      return editor.revoke(target.name, version, reason, actor);
    }

    @Override
    String done() {
      return "revoked";
    }
  }

  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description = "Reject a release in testing or staged: never offered to consumers again.")
  static final class Reject extends WithReason {
    @Override
    ReleaseFacts apply(RepositoryEditor editor, SemanticVersion version, String actor) {
      return editor.reject(target.name, version, reason, actor);
    }

    @Override
    String done() {
      return "rejected";
    }
  }

  @Command(
      name = "halt",
      mixinStandardHelpOptions = true,
      description = "Stop a release's rollout: no site newly takes it; sites that have it keep it.")
  static final class Halt extends WithReason {
    @Override
    ReleaseFacts apply(RepositoryEditor editor, SemanticVersion version, String actor) {
      return editor.halt(target.name, version, reason, actor);
    }

    @Override
    String done() {
      return "halted the rollout of";
    }
  }

  @Command(
      name = "rollout",
      mixinStandardHelpOptions = true,
      description = "Give a release a new rollout plan, from now, in place of its plan and halt.")
  static final class Rollout implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RepositoryOptions options;
    @Mixin Target target;

    @Parameters(
        index = "2",
        paramLabel = "PLAN",
        description =
            "'25%%' for a share of the sites now, or '5%%,25%%,100%% every 1d' for steps.")
    String plan;

    @Override
    public Integer call() {
      ReleaseFacts facts =
          options
              .editor()
              .rollout(
                  target.name,
                  ReleaseCommand.SemanticVersionOption.parse(target.version),
                  plan,
                  options.actor());
      spec.commandLine()
          .getOut()
          .printf(
              "rollout of %s %s: %s%n",
              facts.datasource(), facts.version(), facts.rollout().describe());
      return 0;
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Go on with a halted rollout from where it stopped.")
  static final class Resume implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RepositoryOptions options;
    @Mixin Target target;

    @Override
    public Integer call() {
      ReleaseFacts facts =
          options
              .editor()
              .resume(
                  target.name,
                  ReleaseCommand.SemanticVersionOption.parse(target.version),
                  options.actor());
      spec.commandLine()
          .getOut()
          .printf(
              "resumed the rollout of %s %s: %s%n",
              facts.datasource(), facts.version(), facts.rollout().describe());
      return 0;
    }
  }
}
