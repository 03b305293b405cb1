package dev.alize.common.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * Slows down guessing tokens at a sign-in form: after {@link #FREE_FAILURES} failed sign-ins from
 * one address, each further attempt from it must wait twice as long as the one before, up to {@link
 * #LONGEST_WAIT}; a success, or {@link #FORGET_AFTER} without a failure, clears the count. Attempts
 * that come too early are refused without checking the token, so that waiting is the only way on.
 * The server answers at once rather than sleeping, so that slow guessers hold no thread.
 */
public final class SignInThrottle {

  /** Failed sign-ins allowed from one address before waits begin. */
  public static final int FREE_FAILURES = 3;

  /** The longest wait between two attempts. */
  public static final Duration LONGEST_WAIT = Duration.ofMinutes(15);

  /** How long an address's failures are remembered after its last one. */
  public static final Duration FORGET_AFTER = Duration.ofHours(1);

  /** How many addresses are remembered at once: the oldest are forgotten first. */
  static final int MAX_ADDRESSES = 100_000;

  private record Failures(int count, Instant last) {}

  /**
   * How long an address must wait before its next attempt is checked, in whole seconds rounded up,
   * as {@code Retry-After} says it.
   */
  public record Wait(long seconds) {

    /** What the sign-in form tells the person waiting. */
    public String message() {
      return "Too many failed sign-ins from your address: try again in " + seconds + " s.";
    }
  }

  private final Clock clock;
  private final LinkedHashMap<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true);

  public SignInThrottle(Clock clock) {
    this.clock = clock;
  }

  /** How long {@code address} must still wait before its next attempt is checked, if at all. */
  public synchronized Optional<Wait> waitFor(String address) {
    Instant now = clock.instant();
    Failures f = failures.get(address);
    if (f == null) {
      return Optional.empty();
    }
    if (!now.isBefore(f.last().plus(FORGET_AFTER))) {
      failures.remove(address);
      return Optional.empty();
    }
    Instant next = f.last().plus(wait(f.count()));
    if (!now.isBefore(next)) {
      return Optional.empty();
    }
    Duration left = Duration.between(now, next);
    return Optional.of(new Wait(left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0)));
  }

  /** Notes a failed sign-in from {@code address}. */
  public synchronized void failed(String address) {
    Failures before = failures.get(address);
    failures.put(address, new Failures(before == null ? 1 : before.count() + 1, clock.instant()));
    if (failures.size() > MAX_ADDRESSES) {
      var oldest = failures.entrySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  /** Clears the failures of {@code address} after a successful sign-in. */
  public synchronized void succeeded(String address) {
    failures.remove(address);
  }

  /** The wait after {@code count} failures: none at first, then 2 s doubling to the longest. */
  static Duration wait(int count) {
    if (count <= FREE_FAILURES) {
      return Duration.ZERO;
    }
    int doublings = Math.min(count - FREE_FAILURES - 1, 20);
    Duration wait = Duration.ofSeconds(2L << doublings);
    return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
  }

  /** How many addresses are remembered now. */
  synchronized int size() {
    return failures.size();
  }
}
