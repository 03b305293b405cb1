package dev.alize.publisher.fleet;

import dev.alize.common.web.SharesOverTime;
import dev.alize.publisher.persistence.Database;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The statistics of the fleet: per release, per site, and the sites gone quiet. */
@Singleton
public final class FleetStats {

  private final Database database;
  private final SiteRepository sites;
  private final SiteDatasourceRepository states;
  private final Clock clock;

  public FleetStats(
      Database database, SiteRepository sites, SiteDatasourceRepository states, Clock clock) {
    this.database = database;
    this.sites = sites;
    this.states = states;
    this.clock = clock;
  }

  /**
   * @param datasource the datasource asked for, or null for all
   * @param version the release asked for (with {@code datasource}), or null for all; when given,
   *     sites are not listed, only the stale ones
   * @param stale after how long without a report a site is stale
   */
  public FleetReport report(String datasource, String version, Duration stale, ReleaseDates dates) {
    Instant now = clock.instant();
    long staleBefore = now.minus(stale).toEpochMilli();
    return database.inTransaction(
        c -> {
          List<FleetQueries.ReleaseKey> keys =
              version != null
                  ? List.of(new FleetQueries.ReleaseKey(datasource, version))
                  : FleetQueries.releases(c, datasource);
          List<ReleaseStats> releases = new ArrayList<>();
          for (FleetQueries.ReleaseKey key : keys) {
            releases.add(release(c, key, dates));
          }
          List<SiteSummary> listed =
              version != null
                  ? List.of()
                  : summaries(sites.all(), states.all(), datasource, staleBefore);
          List<SiteSummary> quiet =
              summaries(
                  sites.notSeenSince(staleBefore),
                  states.notSeenSince(staleBefore),
                  datasource,
                  staleBefore);
          return new FleetReport(now, stale, sites.count(), releases, listed, quiet);
        });
  }

  /** The figures of each release of {@code datasource} that some site reported, oldest first. */
  public List<ReleaseStats> releases(String datasource, ReleaseDates dates) {
    return database.inTransaction(
        c -> {
          List<ReleaseStats> releases = new ArrayList<>();
          for (FleetQueries.ReleaseKey key : FleetQueries.releases(c, datasource)) {
            releases.add(release(c, key, dates));
          }
          return releases;
        });
  }

  /** How many of the sites that report {@code datasource} ran each of its versions over time. */
  public SharesOverTime adoption(String datasource) {
    Instant now = clock.instant();
    return database.inTransaction(
        c ->
            Adoption.of(
                FleetQueries.installs(c, datasource), FleetQueries.reporting(c, datasource), now));
  }

  /** Every site, with its version of each datasource, marked stale after {@code stale}. */
  public List<SiteSummary> allSites(Duration stale) {
    long staleBefore = clock.instant().minus(stale).toEpochMilli();
    return database.inTransaction(c -> summaries(sites.all(), states.all(), null, staleBefore));
  }

  /**
   * The site whose identity is {@code idOrLabel}, else those enrolled under that label: none, one,
   * or several when a site enrolled again under its label.
   *
   * @param stale after how long without a report a site is stale
   */
  public List<SiteDetail> sites(String idOrLabel, Duration stale) {
    long staleBefore = clock.instant().minus(stale).toEpochMilli();
    return database.inTransaction(
        c -> {
          List<Site> found = sites.find(idOrLabel).map(List::of).orElseGet(List::of);
          if (found.isEmpty()) {
            found = sites.labelled(idOrLabel);
          }
          List<SiteDetail> details = new ArrayList<>();
          for (Site site : found) {
            List<SiteDatasource> of = states.ofSite(site.id());
            details.add(
                new SiteDetail(
                    summaries(List.of(site), of, null, staleBefore).get(0),
                    of,
                    FleetQueries.siteConflicts(c, site.id())));
          }
          return details;
        });
  }

  private static ReleaseStats release(Connection c, FleetQueries.ReleaseKey key, ReleaseDates dates)
      throws SQLException {
    FleetQueries.Counts counts = FleetQueries.counts(c, key);
    FleetQueries.Percentiles imports = FleetQueries.importPercentiles(c, key);
    Instant released = dates.released(key.datasource(), key.version());
    return new ReleaseStats(
        key.datasource(),
        key.version(),
        released,
        counts.reporting(),
        counts.installed(),
        counts.waiting(),
        counts.held(),
        FleetQueries.failed(c, key),
        FleetQueries.conflicts(c, key),
        imports.median(),
        imports.p95(),
        adoption(c, key, counts.reporting(), 50, released),
        adoption(c, key, counts.reporting(), 90, released));
  }

  /**
   * The time from {@code released} until {@code percent} % of the {@code reporting} sites had first
   * reported the release installed; null until they have, or when the date is unknown.
   */
  private static Duration adoption(
      Connection c, FleetQueries.ReleaseKey key, long reporting, int percent, Instant released)
      throws SQLException {
    if (reporting == 0 || released == null) {
      return null;
    }
    long needed = (reporting * percent + 99) / 100;
    Long at = FleetQueries.nthInstalled(c, key, needed);
    // A site whose first report came before the signed release date (its clock is not ours)
    // adopted it at once.
    return at == null ? null : Duration.ofMillis(Math.max(0, at - released.toEpochMilli()));
  }

  private static List<SiteSummary> summaries(
      List<Site> list, List<SiteDatasource> states, String datasource, long staleBefore) {
    Map<String, Map<String, String>> versions = new HashMap<>();
    for (SiteDatasource s : states) {
      if (datasource != null && !datasource.equals(s.datasource())) {
        continue;
      }
      versions.computeIfAbsent(s.site(), k -> new TreeMap<>()).put(s.datasource(), s.installed());
    }
    List<SiteSummary> summaries = new ArrayList<>();
    for (Site s : list) {
      summaries.add(
          new SiteSummary(
              s.id(),
              s.label(),
              Instant.ofEpochMilli(s.enrolledAt()),
              s.lastSeen() == null ? null : Instant.ofEpochMilli(s.lastSeen()),
              s.consumerVersion(),
              versions.getOrDefault(s.id(), Map.of()),
              s.lastSeen() == null || s.lastSeen() < staleBefore));
    }
    return summaries;
  }
}
