package dev.alize.consumer.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Duration INTERVAL = Duration.ofMinutes(15);
  private static final Backoff NO_JITTER =
      new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), 0);

  private static final RandomGenerator ANY = new SplittableRandom(7);

  @Test
  void afterSuccess_waitsThePollInterval() {
    assertEquals(INTERVAL, NO_JITTER.next(INTERVAL, 0, ANY));
  }

  @Test
  void afterFailures_retriesSoonThenDoublesUpToTheCap() {
    assertEquals(Duration.ofSeconds(30), NO_JITTER.next(INTERVAL, 1, ANY));
    assertEquals(Duration.ofSeconds(60), NO_JITTER.next(INTERVAL, 2, ANY));
    assertEquals(Duration.ofSeconds(120), NO_JITTER.next(INTERVAL, 3, ANY));
    assertEquals(Duration.ofHours(1), NO_JITTER.next(INTERVAL, 10, ANY));
    assertEquals(Duration.ofHours(1), NO_JITTER.next(INTERVAL, 1000, ANY));
  }

  @Test
  void capIsNeverBelowTheInterval() {
    assertEquals(Duration.ofHours(6), NO_JITTER.next(Duration.ofHours(6), 20, ANY));
  }

  @Test
  void jitter_staysWithinItsFraction_andSpreadsPolls() {
    Backoff tenPercent = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), 0.1);
    RandomGenerator random = new SplittableRandom(42);
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < 1000; i++) {
      long ms = tenPercent.next(INTERVAL, 0, random).toMillis();
      min = Math.min(min, ms);
      max = Math.max(max, ms);
    }
    assertTrue(
        min >= INTERVAL.toMillis() * 0.9 && max <= INTERVAL.toMillis() * 1.1, min + ".." + max);
    assertTrue(max - min > INTERVAL.toMillis() * 0.15, "polls are spread: " + min + ".." + max);
  }
}
