package dev.alize.consumer.bench;

import dev.alize.consumer.load.PollLoad;
import dev.alize.consumer.load.PollResult;
import dev.alize.consumer.load.Pollers;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@link #POLLERS} consumers polling {@code publisher serve} at once over HTTPS for {@link
 * #LENGTH}, each on a connection of its own, as an unchanged poll does (the next root, answered
 * 404, then the timestamp, answered 304): the latency they see, and whether any request failed.
 */
final class PollingBench {

  static final int POLLERS = 500;
  private static final Duration LENGTH = Duration.ofSeconds(60);

  /**
   * Before {@link #LENGTH}: the consumers connect, all at once, and the publisher's JIT compiles.
   */
  private static final Duration WARMUP = Duration.ofSeconds(10);

  /** Short: 500 consumers then poll as often as 3.6 million polling hourly would. */
  private static final Duration INTERVAL = Duration.ofMillis(500);

  /** The release served: its size does not change what a poll asks for. */
  private static final int MODELS = 100;

  private PollingBench() {}

  static Row measure(BenchSettings settings, Jobs jobs)
      throws IOException, InterruptedException, GeneralSecurityException {
    try (PublisherSite site =
        new PublisherSite(settings, jobs, settings.work().resolve("polling"))) {
      site.release("1.0.0", BenchDatasource.Shape.first(MODELS), List.of());
      URI base = site.serveAll().get(0);
      Path certificate = site.certificate();
      settings.say(
          "Polling: %d consumers, one poll each every %d ms, for %d s after %d s of warm-up",
          POLLERS, INTERVAL.toMillis(), LENGTH.toSeconds(), WARMUP.toSeconds());
      PollLoad load =
          PollLoad.against(base, certificate, POLLERS, LENGTH.plus(WARMUP), WARMUP, INTERVAL);
      PollResult r = Pollers.run(load);
      settings.say(
          "Polling: %,d polls, %,d requests, %d errors; p50 %.2f ms, p99 %.2f ms, max %.1f ms",
          r.polls(), r.requests(), r.errorCount(), r.p50Ms(), r.p99Ms(), r.maxMs());
      String note =
          String.format(
              Locale.ROOT,
              "%,d consumers on %d event-loop threads of this process, each on a TLS connection"
                  + " of its own to publisher.jar serve (the publisher's certificate pinned),"
                  + " polling every %d ms after a random start as an unchanged poll does:"
                  + " timestamp.json with If-None-Match, or If-Modified-Since for half of them"
                  + " (304). %,d polls and %,d requests in %.0f s (%,.0f requests/s), %,d"
                  + " connections (median handshake %.1f ms, all at once at the start); latency"
                  + " from sending to the whole answer, over the last %d s (the first %d s not"
                  + " counted): p50 %s ms, p99 %s ms, max %s ms; %d errors%s",
              POLLERS,
              Pollers.THREADS,
              INTERVAL.toMillis(),
              r.polls(),
              r.requests(),
              r.seconds(),
              r.requests() / r.seconds(),
              r.connections(),
              r.handshakeMs(),
              LENGTH.toSeconds(),
              WARMUP.toSeconds(),
              Figure.format(r.p50Ms()),
              Figure.format(r.p99Ms()),
              Figure.format(r.maxMs()),
              r.errorCount(),
              r.errors().isEmpty() ? "." : ": " + String.join("; ", r.errors()));
      return Row.absolute(
          "polling",
          POLLERS + " pollers over HTTPS, " + LENGTH.toSeconds() + " s: p99 latency",
          Figure.once(r.p99Ms(), "ms"),
          "no error",
          r.errorCount() == 0 && r.pollersThatPolled() == POLLERS,
          note);
    }
  }
}
