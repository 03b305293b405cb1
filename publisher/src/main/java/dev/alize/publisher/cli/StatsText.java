package dev.alize.publisher.cli;

import dev.alize.common.text.Printable;
import dev.alize.publisher.fleet.FleetReport;
import dev.alize.publisher.fleet.ReleaseStats;
import dev.alize.publisher.fleet.SiteSummary;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** The statistics for people: one block per release, one line per site, site text escaped. */
final class StatsText {

  private StatsText() {}

  static void print(FleetReport report, PrintWriter out) {
    if (report.releases().isEmpty()) {
      out.println("no release reported yet");
    }
    for (ReleaseStats r : report.releases()) {
      out.printf(
          "%s %s%s%n",
          r.datasource(),
          r.version(),
          r.released() == null ? " (not in the repository)" : " (released " + r.released() + ")");
      out.printf(
          "  sites reporting %d: installed %d, waiting %d, held %d%n",
          r.sitesReporting(), r.installed(), r.waiting(), r.held());
      out.printf(
          "  failed: %s%n",
          r.failed().isEmpty()
              ? "none"
              : r.failed().entrySet().stream()
                  .map(e -> e.getKey() + " " + e.getValue())
                  .collect(Collectors.joining(", ")));
      out.printf(
          "  open conflicts: %s%n",
          r.conflicts().isEmpty()
              ? "none"
              : r.conflicts().stream()
                  .map(c -> c.kind() + " (" + c.severity() + ") " + c.count())
                  .collect(Collectors.joining(", ")));
      out.printf(
          "  import time: %s%n",
          r.importMedianMs() == null
              ? "none told"
              : "median " + r.importMedianMs() + " ms, p95 " + r.importP95Ms() + " ms");
      out.printf(
          "  installed by 50 %%: %s; by 90 %%: %s%n",
          adoption(r.toHalf(), r), adoption(r.toNinetyPercent(), r));
    }
    if (!report.sites().isEmpty()) {
      out.printf("sites (%d enrolled):%n", report.sitesEnrolled());
      sites(report.sites(), out);
    }
    out.printf(
        "not seen for %s: %s%n",
        duration(report.stale()),
        report.staleSites().isEmpty() ? "none" : report.staleSites().size() + " site(s)");
    sites(report.staleSites(), out);
  }

  private static void sites(List<SiteSummary> sites, PrintWriter out) {
    for (SiteSummary s : sites) {
      out.printf(
          "  %-30s %s  last seen %s  %s%n",
          Printable.escape(s.label()),
          s.id(),
          s.lastSeen() == null ? "never" : s.lastSeen().toString(),
          s.versions().isEmpty()
              ? "-"
              : s.versions().entrySet().stream()
                  .map(e -> e.getKey() + " " + (e.getValue() == null ? "none" : e.getValue()))
                  .collect(Collectors.joining(", ")));
    }
  }

  private static String adoption(Duration d, ReleaseStats r) {
    if (d != null) {
      return "after " + duration(d);
    }
    return r.released() == null ? "unknown" : "not yet";
  }

  /** As 2d 3h 15m, or 45s under a minute. */
  static String duration(Duration d) {
    if (d.toMinutes() == 0) {
      return d.toSeconds() + "s";
    }
    StringBuilder text = new StringBuilder();
    if (d.toDays() > 0) {
      text.append(d.toDays()).append("d ");
    }
    if (d.toHoursPart() > 0) {
      text.append(d.toHoursPart()).append("h ");
    }
    if (d.toMinutesPart() > 0) {
      text.append(d.toMinutesPart()).append("m ");
    }
    return text.toString().strip();
  }
}
