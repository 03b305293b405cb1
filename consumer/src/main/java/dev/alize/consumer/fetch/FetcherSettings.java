package dev.alize.consumer.fetch;

import java.time.Duration;

/**
 * Timeouts and the slowest transfer accepted.
 *
 * @param connectTimeout to open a connection
 * @param responseTimeout from the request to the response headers
 * @param minBytesPerSecond below this average rate, after {@code grace}, a transfer is abandoned,
 *     so that a slow-drip mirror cannot hold a sync forever
 * @param grace how long a transfer may run before its rate is judged
 */
public record FetcherSettings(
    Duration connectTimeout, Duration responseTimeout, long minBytesPerSecond, Duration grace) {

  public static final FetcherSettings DEFAULT =
      new FetcherSettings(
          Duration.ofSeconds(10), Duration.ofSeconds(30), 2048, Duration.ofSeconds(10));
}
