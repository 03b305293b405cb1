package dev.alize.publisher.fleetpage;

import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.version.SemanticVersion;
import dev.alize.publisher.fleet.ReleaseStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the fleet page shows of some datasources: each release, served or reported, newest first,
 * with its rollout and figures; the halted ones and why; the failures by error class; the conflicts
 * open across the fleet by kind and severity; and each datasource's adoption chart.
 */
public record FleetOverview(
    List<String> datasources,
    List<ReleaseRow> releases,
    List<ReleaseRow> halted,
    List<Failure> failures,
    List<ConflictRow> conflicts,
    List<AdoptionChart> charts) {

  /** The sites whose sync of a release failed with one error class. */
  public record Failure(String datasource, String version, String errorClass, long sites) {}

  /** The conflicts of one kind and severity open on a datasource across the fleet. */
  public record ConflictRow(String datasource, String kind, String severity, long count) {}

  /** What is known of one datasource. */
  record Datasource(
      String name, List<ReleaseFacts> served, List<ReleaseStats> reported, AdoptionChart chart) {}

  static FleetOverview of(List<Datasource> datasources, Instant now) {
    List<ReleaseRow> releases = new ArrayList<>();
    List<AdoptionChart> charts = new ArrayList<>();
    List<ConflictRow> conflicts = new ArrayList<>();
    for (Datasource d : datasources) {
      Map<String, ReleaseFacts> facts = new LinkedHashMap<>();
      d.served().stream()
          .filter(f -> f.datasource().equals(d.name()))
          .forEach(f -> facts.put(f.version().toString(), f));
      Map<String, ReleaseStats> stats = new LinkedHashMap<>();
      d.reported().forEach(s -> stats.put(s.version(), s));
      long reporting = d.chart().shares().total();
      List<String> versions = new ArrayList<>(facts.keySet());
      stats.keySet().stream().filter(v -> !facts.containsKey(v)).forEach(versions::add);
      versions.sort(
          Comparator.comparing(
                  (String v) -> SemanticVersion.find(v).orElse(null),
                  Comparator.nullsLast(Comparator.<SemanticVersion>reverseOrder()))
              .thenComparing(Comparator.reverseOrder()));
      for (String v : versions) {
        releases.add(ReleaseRow.of(facts.get(v), stats.get(v), reporting, now));
      }
      // Each site runs one version, so the sums over the releases count each site's once.
      Map<List<String>, Long> totals = new TreeMap<>(Comparator.comparing(List::toString));
      for (ReleaseStats s : d.reported()) {
        for (ReleaseStats.ConflictTotal c : s.conflicts()) {
          totals.merge(List.of(c.kind(), c.severity()), c.count(), Long::sum);
        }
      }
      totals.forEach((k, n) -> conflicts.add(new ConflictRow(d.name(), k.get(0), k.get(1), n)));
      charts.add(d.chart());
    }
    List<Failure> failures = new ArrayList<>();
    for (ReleaseRow r : releases) {
      r.failed().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(
              e ->
                  failures.add(new Failure(r.datasource(), r.version(), e.getKey(), e.getValue())));
    }
    return new FleetOverview(
        datasources.stream().map(Datasource::name).toList(),
        releases,
        releases.stream().filter(r -> r.halt() != null).toList(),
        failures,
        conflicts,
        charts);
  }
}
