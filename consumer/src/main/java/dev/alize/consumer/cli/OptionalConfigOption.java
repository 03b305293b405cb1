package dev.alize.consumer.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --config FILE} for a command whose subcommands take their own: picocli would demand a
 * required option of the command before its subcommands too, so this one is required only when the
 * command itself runs.
 */
final class OptionalConfigOption {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--config", paramLabel = "FILE", description = ConfigOption.DESCRIPTION)
  Path file;

  /**
   * @throws ParameterException as picocli's own for a missing required option, when absent
   */
  Path file() {
    if (file == null) {
      throw new ParameterException(
          command.commandLine(), "Missing required option: '--config=FILE'");
    }
    return file;
  }
}
