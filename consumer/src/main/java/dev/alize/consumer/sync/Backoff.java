package dev.alize.consumer.sync;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to sync a repository next: its poll interval after a success, sooner and then less and less
 * often after failures (30 s, doubling, up to a cap), always with random jitter so that thousands
 * of consumers started together do not poll together.
 *
 * @param jitter the largest fraction of the delay added or removed at random, as 0.1
 */
public record Backoff(Duration firstRetry, Duration cap, double jitter) {

  public static final Backoff DEFAULT =
      new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), 0.1);

  public Backoff {
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("jitter is a fraction in [0, 1)");
    }
  }

  /**
   * @param consecutiveFailures 0 after a success
   */
  public Duration next(Duration interval, int consecutiveFailures, RandomGenerator random) {
    Duration base;
    if (consecutiveFailures == 0) {
      base = interval;
    } else {
      int doublings = Math.min(consecutiveFailures - 1, 30);
      Duration grown = firstRetry.multipliedBy(1L << doublings);
      Duration limit = cap.compareTo(interval) > 0 ? cap : interval;
      base = grown.compareTo(limit) > 0 ? limit : grown;
    }
    double factor = 1 + (random.nextDouble() * 2 - 1) * jitter;
    return Duration.ofMillis(Math.max(1000, Math.round(base.toMillis() * factor)));
  }
}
