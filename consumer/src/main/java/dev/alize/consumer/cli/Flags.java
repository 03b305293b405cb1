package dev.alize.consumer.cli;

import dev.alize.common.conflict.ModelRef;
import dev.alize.common.version.SemanticVersion;
import dev.alize.consumer.store.ConflictStore;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Option and parameter values checked as usage errors, with a message that names the option. */
final class Flags {

  /** The most runs or entries a {@code --limit} lists. */
  static final int MAX_LIMIT = 1000;

  private Flags() {}

  static ConflictStore.Status conflictStatus(CommandSpec command, String text) {
    return Arrays.stream(ConflictStore.Status.values())
        .filter(s -> s.wireName().equals(text.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(
            () ->
                new ParameterException(
                    command.commandLine(),
                    "--status " + text + ": write open, acknowledged, resolved or all"));
  }

  /** {@code --limit N}: from 1 to {@link #MAX_LIMIT}. */
  static int limit(CommandSpec command, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ParameterException(
          command.commandLine(), "--limit " + limit + ": write a number from 1 to " + MAX_LIMIT);
    }
    return limit;
  }

  static SemanticVersion version(CommandSpec command, String text) {
    return SemanticVersion.find(text)
        .orElseThrow(
            () ->
                new ParameterException(
                    command.commandLine(),
                    "'" + text + "' is not a version: write MAJOR.MINOR.PATCH"));
  }

  /**
   * @param shown how the user gave it, as {@code --parent amon}
   */
  static ModelRef modelRef(CommandSpec command, String shown, String text) {
    try {
      return ModelRef.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), shown + ": " + e.getMessage());
    }
  }
}
