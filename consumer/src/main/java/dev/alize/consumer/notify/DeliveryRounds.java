package dev.alize.consumer.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve}'s rounds of delivery from the outbox: one every {@link #PERIOD} while the database
 * answers. When a round fails (the database down), the next ones come less and less often, the
 * pause doubling up to {@link #MAX_PAUSE}, and the log says so once when the rounds start failing
 * and once when they work again, rather than at every round.
 */
public final class DeliveryRounds {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryRounds.class);

  /** The pause between two rounds that worked. */
  public static final Duration PERIOD = Duration.ofSeconds(5);

  /** The longest pause after failed rounds. */
  public static final Duration MAX_PAUSE = Duration.ofMinutes(5);

  private final String what;
  private final ToIntFunction<Instant> deliverDue;
  private final Clock clock;
  private int failures;

  /**
   * @param what what is delivered, for the log: "notifications"
   * @param deliverDue delivers the rows due at the given instant, as {@link
   *     OutboxDispatcher#deliverDue}
   */
  public DeliveryRounds(String what, ToIntFunction<Instant> deliverDue, Clock clock) {
    this.what = Objects.requireNonNull(what, "what");
    this.deliverDue = Objects.requireNonNull(deliverDue, "deliverDue");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The pause after {@code failures} failed rounds in a row: 10 s, 20 s, 40 s, … up to 5 min. */
  public static Duration pause(int failures) {
    if (failures == 0) {
      return PERIOD;
    }
    Duration pause = PERIOD;
    for (int i = 0; i < failures && pause.compareTo(MAX_PAUSE) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause;
  }

  /**
   * Runs one round.
   *
   * @return the pause before the next one
   */
  public synchronized Duration round() {
    try {
      deliverDue.applyAsInt(clock.instant());
    } catch (RuntimeException e) {
      failures++;
      if (failures == 1) {
        LOG.warn(
            "cannot deliver {}: {}; trying again less and less often, at least every {} s, until it"
                + " works",
            what,
            e.getMessage() == null ? e.toString() : e.getMessage(),
            MAX_PAUSE.toSeconds());
      }
      return pause(failures);
    }
    if (failures > 0) {
      LOG.warn("{} are delivered again, after {} failed round(s)", what, failures);
      failures = 0;
    }
    return PERIOD;
  }

  /** Failed rounds since the last one that worked. */
  public synchronized int failures() {
    return failures;
  }

  /** Runs rounds on {@code executor}, the first at once, until it is shut down. */
  public void start(ScheduledExecutorService executor) {
    executor.execute(() -> next(executor));
  }

  private void next(ScheduledExecutorService executor) {
    Duration pause = round();
    if (!executor.isShutdown()) {
      executor.schedule(() -> next(executor), pause.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
