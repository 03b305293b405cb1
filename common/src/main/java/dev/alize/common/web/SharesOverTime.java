package dev.alize.common.web;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How many of {@code total} members were in each group at each of a series of times: the sites on
 * each version of a datasource, for example. Members in no group at a time (sites that had
 * installed nothing yet) are counted in none.
 *
 * @param times in growing order
 * @param groups each with one count per time
 */
public record SharesOverTime(List<Instant> times, List<Group> groups, long total) {

  /** One group: its name and its count at each time. */
  public record Group(String name, List<Long> counts) {

    public Group {
      counts = List.copyOf(counts);
    }
  }

  /** One time and each group's count then, in the groups' order: a row of the chart's table. */
  public record Row(Instant at, List<Long> counts) {}

  public SharesOverTime {
    times = List.copyOf(times);
    groups = List.copyOf(groups);
    for (Group g : groups) {
      if (g.counts().size() != times.size()) {
        throw new IllegalArgumentException(
            "group " + g.name() + " has " + g.counts().size() + " counts for " + times.size());
      }
    }
  }

  /** Whether there is nothing to draw. */
  public boolean isEmpty() {
    return times.isEmpty() || groups.isEmpty();
  }

  /** The counts by time, oldest first. */
  public List<Row> rows() {
    return IntStream.range(0, times.size())
        .mapToObj(i -> new Row(times.get(i), groups.stream().map(g -> g.counts().get(i)).toList()))
        .toList();
  }

  /** {@code count} as a share of the total, in percent, 0 when the total is. */
  public double percent(long count) {
    return total == 0 ? 0 : 100.0 * count / total;
  }
}
