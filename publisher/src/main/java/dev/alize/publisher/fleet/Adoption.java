package dev.alize.publisher.fleet;

import dev.alize.common.version.SemanticVersion;
import dev.alize.common.web.SharesOverTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The adoption of one datasource's versions over time: at each time, how many of the reporting
 * sites were on each version, a site being on the newest version it had first reported installed at
 * or before that time. Times are sampled at the shortest of {@link #STEPS} that gives at most
 * {@link #MAX_TIMES} of them, from the first install (rounded down to the step) to now; the {@link
 * #MAX_VERSIONS} newest versions are shown, the others summed as {@link #OLDER}.
 */
public final class Adoption {

  /** The steps times are sampled at, shortest first. */
  static final List<Duration> STEPS =
      List.of(
          Duration.ofHours(1),
          Duration.ofHours(6),
          Duration.ofDays(1),
          Duration.ofDays(7),
          Duration.ofDays(30),
          Duration.ofDays(91),
          Duration.ofDays(365));

  static final int MAX_TIMES = 49;
  static final int MAX_VERSIONS = 6;
  static final String OLDER = "older";

  /** A site's first report of a version installed, in UTC milliseconds. */
  public record Install(String site, String version, long at) {}

  private Adoption() {}

  /**
   * @param installs of sites that report the datasource now, in any order
   * @param reporting how many sites report the datasource now: the whole of each share
   */
  public static SharesOverTime of(List<Install> installs, long reporting, Instant now) {
    List<Install> sorted = new ArrayList<>();
    for (Install i : installs) {
      if (SemanticVersion.find(i.version()).isPresent()) {
        sorted.add(i);
      }
    }
    if (sorted.isEmpty()) {
      return new SharesOverTime(List.of(), List.of(), reporting);
    }
    sorted.sort(Comparator.comparingLong(Install::at));
    List<Instant> times = times(Instant.ofEpochMilli(sorted.get(0).at()), now);
    Map<String, SemanticVersion> current = new HashMap<>();
    Map<SemanticVersion, long[]> counts = new TreeMap<>(Comparator.reverseOrder());
    int next = 0;
    for (int t = 0; t < times.size(); t++) {
      long at = times.get(t).toEpochMilli();
      for (; next < sorted.size() && sorted.get(next).at() <= at; next++) {
        Install i = sorted.get(next);
        SemanticVersion version = SemanticVersion.parse(i.version());
        SemanticVersion before = current.get(i.site());
        if (before == null || version.compareTo(before) > 0) {
          current.put(i.site(), version);
          if (before != null) {
            counts.get(before)[t]--;
          }
          counts.computeIfAbsent(version, v -> new long[times.size()])[t]++;
        }
      }
      if (t + 1 < times.size()) {
        // What held at this time holds at the next, until installs change it.
        for (long[] c : counts.values()) {
          c[t + 1] = c[t];
        }
      }
    }
    List<SharesOverTime.Group> groups = new ArrayList<>();
    long[] older = new long[times.size()];
    int shown = 0;
    for (Map.Entry<SemanticVersion, long[]> e : counts.entrySet()) {
      if (shown < MAX_VERSIONS) {
        groups.add(new SharesOverTime.Group(e.getKey().toString(), list(e.getValue())));
        shown++;
      } else {
        for (int t = 0; t < older.length; t++) {
          older[t] += e.getValue()[t];
        }
      }
    }
    if (counts.size() > MAX_VERSIONS) {
      groups.add(new SharesOverTime.Group(OLDER, list(older)));
    }
    return new SharesOverTime(times, groups, reporting);
  }

  /** The sampled times from {@code first} to {@code now}, both included. */
  static List<Instant> times(Instant first, Instant now) {
    Instant end = now.isBefore(first) ? first : now;
    Duration span = Duration.between(first, end);
    Duration step = STEPS.get(STEPS.size() - 1);
    for (Duration s : STEPS) {
      if (span.dividedBy(s) < MAX_TIMES - 1) {
        step = s;
        break;
      }
    }
    long stepMillis = step.toMillis();
    Instant start =
        Instant.ofEpochMilli(Math.floorDiv(first.toEpochMilli(), stepMillis) * stepMillis);
    List<Instant> times = new ArrayList<>();
    for (Instant t = start; t.isBefore(end) && times.size() < MAX_TIMES; t = t.plus(step)) {
      times.add(t);
    }
    times.add(end);
    return times;
  }

  private static List<Long> list(long[] values) {
    List<Long> list = new ArrayList<>(values.length);
    for (long v : values) {
      list.add(v);
    }
    return list;
  }
}
