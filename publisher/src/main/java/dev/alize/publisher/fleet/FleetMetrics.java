package dev.alize.publisher.fleet;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fleet's meters: reports and enrolments accepted and refused (by reason), and per datasource
 * and version how many sites run, wait for, hold or failed on it.
 */
@Singleton
public final class FleetMetrics {

  static final String REPORTS_ACCEPTED = "alize.publisher.reports.accepted";
  static final String REPORTS_REFUSED = "alize.publisher.reports.refused";
  static final String ENROLMENTS_ACCEPTED = "alize.publisher.enrolments.accepted";
  static final String ENROLMENTS_REFUSED = "alize.publisher.enrolments.refused";
  static final String SITES = "alize.publisher.fleet.sites";

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final MultiGauge sites;

  public FleetMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.sites =
        MultiGauge.builder(SITES)
            .description(
                "Sites per datasource, version and state (installed, waiting, held, failed)")
            .register(registry);
  }

  void reportAccepted() {
    counter(REPORTS_ACCEPTED, null, "Site reports accepted").increment();
  }

  void reportRefused(Refusal reason) {
    counter(REPORTS_REFUSED, reason, "Site reports refused, by reason").increment();
  }

  void enrolmentAccepted() {
    counter(ENROLMENTS_ACCEPTED, null, "Sites enrolled").increment();
  }

  void enrolmentRefused(Refusal reason) {
    counter(ENROLMENTS_REFUSED, reason, "Site enrolments refused, by reason").increment();
  }

  /** Replaces the per-release gauges with {@code counts}. */
  void sites(List<FleetQueries.StateCount> counts) {
    sites.register(
        counts.stream()
            .map(
                c ->
                    MultiGauge.Row.of(
                        Tags.of(
                            "datasource", c.datasource(),
                            "version", c.version(),
                            "state", c.state()),
                        c.sites()))
            .toList(),
        true);
  }

  private Counter counter(String name, Refusal reason, String description) {
    String key = reason == null ? name : name + "/" + reason.tag();
    return counters.computeIfAbsent(
        key,
        k -> {
          Counter.Builder builder = Counter.builder(name).description(description);
          if (reason != null) {
            builder.tag("reason", reason.tag());
          }
          return builder.register(registry);
        });
  }
}
