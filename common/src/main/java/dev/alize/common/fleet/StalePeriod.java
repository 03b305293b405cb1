package dev.alize.common.fleet;

import dev.alize.common.time.Periods;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code stale=} parameter of the fleet page and the statistics API: how long a site may go
 * without reporting before it is listed as not seen lately.
 */
public final class StalePeriod {

  /** When none is given. */
  public static final Duration DEFAULT = Duration.ofDays(1);

  /** The longest: longer than any fleet has run, and within what a clock counts back. */
  public static final Duration MAX = Duration.ofDays(3650);

  /** What to tell a user whose {@code stale=} is not one. */
  public static final String RULE =
      "stale= must be a period from 0s to " + MAX.toDays() + "d: " + Periods.FORMS;

  private StalePeriod() {}

  /**
   * The period {@code text} names, {@link #DEFAULT} when it is null or empty; empty when it is no
   * period, or one below zero or beyond {@link #MAX}.
   */
  public static Optional<Duration> find(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.of(DEFAULT);
    }
    return Periods.find(text).filter(d -> !d.isNegative() && d.compareTo(MAX) <= 0);
  }
}
