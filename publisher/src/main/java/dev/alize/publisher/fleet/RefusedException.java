package dev.alize.publisher.fleet;

import java.time.Duration;

/**
 * An enrolment or a report the publisher refused, having changed nothing: the reason, and the
 * message the site is answered with, which never holds a secret.
 */
public final class RefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Refusal reason;
  private final Duration retryAfter;

  public RefusedException(Refusal reason, String message) {
    this(reason, message, null);
  }

  RefusedException(Refusal reason, String message, Duration retryAfter) {
    super(message);
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  public Refusal reason() {
    return reason;
  }

  /** How long a rate-limited site should wait, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
