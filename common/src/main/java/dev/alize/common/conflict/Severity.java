package dev.alize.common.conflict;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How urgently an admin must act on a conflict, most urgent first. */
public enum Severity {
  /** The child model cannot be used as it is until an admin acts. */
  BLOCKING,
  /** The child model still works but may no longer do what the admin meant. */
  WARNING,
  /** Nothing is broken yet; the admin should plan ahead. */
  INFORMATION;

  /** The name stored and shown: {@code blocking}, {@code warning}, {@code information}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Severity> find(String wireName) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(wireName)).findFirst();
  }
}
