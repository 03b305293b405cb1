package dev.alize.publisher.fleetpage;

import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.release.RolloutPlan;
import dev.alize.publisher.fleet.ReleaseStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One release as the fleet page shows it: its signed facts (channel, rollout plan, halt) and what
 * the fleet does with it, the figures of {@code stats}.
 *
 * @param channel null when the repository no longer serves the release
 * @param plan the rollout plan's steps in words, null without one
 * @param percentNow the share of the sites the plan lets take the release now, null without a plan
 * @param halt null unless the rollout is halted
 * @param rejected the reason of a rejection, or null
 * @param deprecated the reason of a deprecation, or null
 * @param reported whether some site reported anything of the release
 */
public record ReleaseRow(
    String datasource,
    String version,
    String channel,
    String classification,
    Instant released,
    String plan,
    Integer percentNow,
    RolloutPlan.Halt halt,
    String rejected,
    String deprecated,
    boolean reported,
    long sitesReporting,
    long installed,
    long waiting,
    long held,
    Map<String, Long> failed,
    List<ReleaseStats.ConflictTotal> conflicts,
    Long importMedianMs,
    Long importP95Ms,
    Duration toHalf,
    Duration toNinetyPercent) {

  public ReleaseRow {
    failed = Map.copyOf(failed);
    conflicts = List.copyOf(conflicts);
  }

  /**
   * @param facts null when the repository no longer serves the release
   * @param stats null when no site reported it
   * @param reporting the sites that report the datasource, for a release no site reported
   */
  static ReleaseRow of(ReleaseFacts facts, ReleaseStats stats, long reporting, Instant now) {
    RolloutPlan plan = facts == null ? null : facts.rollout();
    return new ReleaseRow(
        facts != null ? facts.datasource() : stats.datasource(),
        facts != null ? facts.version().toString() : stats.version(),
        facts == null ? null : facts.channel().wireName(),
        facts == null ? null : facts.classification().wireName(),
        facts != null ? facts.released() : stats.released(),
        plan == null ? null : steps(plan),
        plan == null ? null : plan.percentAt(now),
        plan == null ? null : plan.halt(),
        facts == null || facts.rejection() == null ? null : facts.rejection().reason(),
        facts == null || facts.deprecation() == null ? null : facts.deprecation().reason(),
        stats != null,
        stats != null ? stats.sitesReporting() : reporting,
        stats != null ? stats.installed() : 0,
        stats != null ? stats.waiting() : 0,
        stats != null ? stats.held() : 0,
        stats != null ? stats.failed() : Map.of(),
        stats != null ? stats.conflicts() : List.of(),
        stats == null ? null : stats.importMedianMs(),
        stats == null ? null : stats.importP95Ms(),
        stats == null ? null : stats.toHalf(),
        stats == null ? null : stats.toNinetyPercent());
  }

  private static String steps(RolloutPlan plan) {
    StringBuilder out = new StringBuilder();
    for (RolloutPlan.Step step : plan.steps()) {
      if (!out.isEmpty()) {
        out.append(", ");
      }
      out.append(step.percent()).append(" % from ").append(step.at());
    }
    return out.toString();
  }

  /** The sites whose sync of the release failed, whatever the error. */
  public long failedTotal() {
    return failed.values().stream().mapToLong(Long::longValue).sum();
  }

  /** {@code count} as a share of the reporting sites, in whole percent: {@code "40 %"}. */
  public String share(long count) {
    return sitesReporting == 0 ? "–" : Math.round(100.0 * count / sitesReporting) + " %";
  }

  /** The share of the reporting sites that run the release, 0 to 100. */
  public long installedPercent() {
    return sitesReporting == 0 ? 0 : Math.round(100.0 * installed / sitesReporting);
  }

  /** The time it took to reach half of the sites, in words; null until it has. */
  public String toHalfWords() {
    return words(toHalf);
  }

  /** The time it took to reach 90 % of the sites, in words; null until it has. */
  public String toNinetyPercentWords() {
    return words(toNinetyPercent);
  }

  /** A duration in words: {@code 2 h 5 min}, {@code 3 d 4 h}; null when unknown. */
  static String words(Duration d) {
    if (d == null) {
      return null;
    }
    long minutes = d.toMinutes();
    if (minutes < 1) {
      return d.toSeconds() + " s";
    }
    if (minutes < 60) {
      return minutes + " min";
    }
    if (minutes < 24 * 60) {
      return String.format(Locale.ROOT, "%d h %d min", minutes / 60, minutes % 60);
    }
    return String.format(Locale.ROOT, "%d d %d h", minutes / (24 * 60), minutes / 60 % 24);
  }
}
