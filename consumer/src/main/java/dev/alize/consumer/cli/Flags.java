package dev.alize.consumer.cli;

import dev.alize.consumer.config.ConfigurationException;
import dev.alize.consumer.store.ConflictStore;
import java.util.Arrays;
import java.util.Locale;

/** Option values checked with a message that names the option. */
final class Flags {

  private Flags() {}

  static ConflictStore.Status conflictStatus(String text) {
    return Arrays.stream(ConflictStore.Status.values())
        .filter(s -> s.wireName().equals(text.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(
            () ->
                new ConfigurationException(
                    "--status " + text + ": write open, acknowledged, resolved or all"));
  }
}
