package dev.alize.common.release;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The channels a release moves through, from least to most trusted. A subscriber of a channel
 * accepts releases of that channel and of every more trusted one.
 */
public enum Channel {
  TESTING,
  STAGED,
  STABLE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Channel> find(String name) {
    return Arrays.stream(values()).filter(c -> c.wireName().equals(name)).findFirst();
  }

  /** Whether a subscriber of this channel takes a release in {@code release}. */
  public boolean accepts(Channel release) {
    return release.ordinal() >= ordinal();
  }

  @Override
  public String toString() {
    return wireName();
  }
}
