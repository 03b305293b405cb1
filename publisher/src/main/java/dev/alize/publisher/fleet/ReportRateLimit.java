package dev.alize.publisher.fleet;

import dev.alize.publisher.config.FleetConfiguration;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code alize.publisher.reports-per-minute} reports per site in each minute, counted in
 * memory per site identity. Only reports whose signature holds are counted, so nobody can use up
 * another site's allowance; the map holds at most one entry per enrolled site.
 */
@Singleton
public final class ReportRateLimit {

  private static final long MINUTE = Duration.ofMinutes(1).toMillis();

  private record Window(long start, int count) {}

  private final Clock clock;
  private final int perMinute;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public ReportRateLimit(Clock clock, FleetConfiguration configuration) {
    this.clock = clock;
    this.perMinute = configuration.reportsPerMinute();
  }

  /**
   * Counts one report of {@code site}.
   *
   * @throws RefusedException 429 when the site has sent its allowance this minute
   */
  void acquire(String site) {
    long now = clock.millis();
    Window window =
        windows.compute(
            site,
            (key, w) ->
                w == null || now - w.start() >= MINUTE
                    ? new Window(now, 1)
                    : new Window(w.start(), w.count() + 1));
    if (window.count() > perMinute) {
      long wait = Math.max(1, (window.start() + MINUTE - now + 999) / 1000);
      throw new RefusedException(
          Refusal.RATE_LIMITED,
          "more than " + perMinute + " reports in a minute from this site: retry later",
          Duration.ofSeconds(wait));
    }
  }
}
