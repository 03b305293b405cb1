package dev.alize.common.http;

import java.time.Duration;

/**
 * How long a server waits for a client that sends its request slowly. Neither bounds an honest
 * upload, however long: the body's bound is on silence, not on its whole time.
 *
 * @param header the longest a client may take to send a request's line and headers, from the
 *     connection's opening (for its first request) or the request's first byte
 * @param bodyIdle the longest a client may stay silent while the server waits for more of a body
 */
public record RequestTimeouts(Duration header, Duration bodyIdle) {

  /** {@link #header}'s default, as configuration annotations need it. */
  public static final String DEFAULT_HEADER = "10s";

  /** {@link #bodyIdle}'s default, as configuration annotations need it. */
  public static final String DEFAULT_BODY_IDLE = "30s";

  public static final RequestTimeouts DEFAULT =
      new RequestTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30));

  /**
   * @throws IllegalArgumentException when either is not a positive duration, naming it by the last
   *     part of its configuration key
   */
  public RequestTimeouts {
    if (header == null || header.isNegative() || header.isZero()) {
      throw new IllegalArgumentException("header-timeout must be a positive duration, as 10s");
    }
    if (bodyIdle == null || bodyIdle.isNegative() || bodyIdle.isZero()) {
      throw new IllegalArgumentException("body-idle-timeout must be a positive duration, as 30s");
    }
  }
}
