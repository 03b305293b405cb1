package dev.alize.publisher.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the fleet does with one release.
 *
 * @param released when the release was published, from the signed targets; null when the repository
 *     no longer serves it
 * @param sitesReporting the sites that report the datasource, whatever version they run
 * @param failed the sites whose sync of this release failed, by error class
 * @param conflicts the conflicts open at the sites that run it, summed by kind and severity
 * @param importMedianMs the median import time, null when no site told one
 * @param toHalf the time from {@code released} until half of the reporting sites had installed it,
 *     null until they have
 * @param toNinetyPercent the same for 90 %
 */
public record ReleaseStats(
    String datasource,
    String version,
    Instant released,
    long sitesReporting,
    long installed,
    long waiting,
    long held,
    Map<String, Long> failed,
    List<ConflictTotal> conflicts,
    Long importMedianMs,
    Long importP95Ms,
    Duration toHalf,
    Duration toNinetyPercent) {

  /** The conflicts of one kind and severity open across the fleet. */
  public record ConflictTotal(String kind, String severity, long count) {}

  public ReleaseStats {
    failed = Collections.unmodifiableMap(new TreeMap<>(failed));
    conflicts = List.copyOf(conflicts);
  }
}
