package dev.alize.common.release;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Why a release was made, which tells operators how urgent it is. */
public enum Classification {
  STANDARD,
  EMERGENCY,
  MAJOR;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Classification> find(String name) {
    return Arrays.stream(values()).filter(c -> c.wireName().equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return wireName();
  }
}
