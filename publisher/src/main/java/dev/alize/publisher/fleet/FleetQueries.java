package dev.alize.publisher.fleet;

import dev.alize.common.fleet.HaltPolicy;
import dev.alize.common.version.SemanticVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statistics' aggregates, in plain SQL that both databases run: counts, sums, percentiles and
 * the n-th adoption, each answered by the database from the indexes of one release, never by
 * loading every site's rows (10,000 sites are one release's ordinary fleet). Micronaut Data's
 * queries return entities; these return figures.
 */
final class FleetQueries {

  /** A release some site reported. */
  record ReleaseKey(String datasource, String version) {}

  /** How many sites are in {@code state} (installed, waiting, held, failed) for a release. */
  record StateCount(String datasource, String version, String state, long sites) {}

  /** A release's median and 95th-percentile import times, in milliseconds. */
  record Percentiles(Long median, Long p95) {}

  /** Sites by what they do with one release. */
  record Counts(long reporting, long installed, long waiting, long held) {}

  private FleetQueries() {}

  /** The releases of {@code datasource} (every datasource when null) that some site reported. */
  static List<ReleaseKey> releases(Connection c, String datasource) throws SQLException {
    String where = datasource == null ? "" : " WHERE datasource = ?";
    String sql =
        "SELECT DISTINCT datasource, version FROM site_release"
            + where
            + " UNION SELECT DISTINCT datasource, release_version FROM site_datasource"
            + (datasource == null ? " WHERE" : where + " AND")
            + " release_version IS NOT NULL";
    Set<ReleaseKey> keys = new LinkedHashSet<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (datasource != null) {
        s.setString(1, datasource);
        s.setString(2, datasource);
      }
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          keys.add(new ReleaseKey(rows.getString(1), rows.getString(2)));
        }
      }
    }
    List<ReleaseKey> sorted = new ArrayList<>(keys);
    sorted.sort(
        Comparator.comparing(ReleaseKey::datasource)
            .thenComparing(
                k -> SemanticVersion.find(k.version()).orElse(null),
                Comparator.nullsLast(Comparator.naturalOrder())));
    return sorted;
  }

  static Counts counts(Connection c, ReleaseKey release) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT COUNT(*),"
                + " COUNT(CASE WHEN installed = ? THEN 1 END),"
                + " COUNT(CASE WHEN outcome = 'waiting' AND release_version = ? THEN 1 END),"
                + " COUNT(CASE WHEN outcome = 'held' AND release_version = ? THEN 1 END)"
                + " FROM site_datasource WHERE datasource = ?")) {
      s.setString(1, release.version());
      s.setString(2, release.version());
      s.setString(3, release.version());
      s.setString(4, release.datasource());
      try (ResultSet rows = s.executeQuery()) {
        rows.next();
        return new Counts(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4));
      }
    }
  }

  /** The sites whose sync of the release failed, by error class. */
  static Map<String, Long> failed(Connection c, ReleaseKey release) throws SQLException {
    Map<String, Long> failed = new LinkedHashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT error_class, COUNT(*) FROM site_datasource"
                + " WHERE datasource = ? AND release_version = ? AND outcome = 'failed'"
                + " GROUP BY error_class ORDER BY error_class")) {
      s.setString(1, release.datasource());
      s.setString(2, release.version());
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          failed.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    return failed;
  }

  /** The conflicts open across the sites that run the release, summed by kind and severity. */
  static List<ReleaseStats.ConflictTotal> conflicts(Connection c, ReleaseKey release)
      throws SQLException {
    List<ReleaseStats.ConflictTotal> totals = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT k.kind, k.severity, SUM(k.open_count) FROM site_conflict k"
                + " JOIN site_datasource d ON d.site = k.site AND d.datasource = k.datasource"
                + " WHERE d.datasource = ? AND d.installed = ?"
                + " GROUP BY k.kind, k.severity ORDER BY k.kind, k.severity")) {
      s.setString(1, release.datasource());
      s.setString(2, release.version());
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          totals.add(
              new ReleaseStats.ConflictTotal(
                  rows.getString(1), rows.getString(2), rows.getLong(3)));
        }
      }
    }
    return totals;
  }

  /**
   * The median and the 95th percentile of the release's import times, nearest rank (a time some
   * site took): null each when no site told one.
   */
  static Percentiles importPercentiles(Connection c, ReleaseKey release) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY import_ms),"
                + " PERCENTILE_DISC(0.95) WITHIN GROUP (ORDER BY import_ms)"
                + " FROM site_release"
                + " WHERE datasource = ? AND version = ? AND import_ms IS NOT NULL")) {
      s.setString(1, release.datasource());
      s.setString(2, release.version());
      try (ResultSet rows = s.executeQuery()) {
        rows.next();
        return new Percentiles(nullableLong(rows, 1), nullableLong(rows, 2));
      }
    }
  }

  /**
   * When the {@code n}-th site (from 1) first reported the release installed, in UTC milliseconds,
   * or null when fewer did.
   */
  static Long nthInstalled(Connection c, ReleaseKey release, long n) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT first_installed_at FROM site_release WHERE datasource = ? AND version = ?"
                + " ORDER BY first_installed_at OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY")) {
      s.setString(1, release.datasource());
      s.setString(2, release.version());
      s.setLong(3, n - 1);
      try (ResultSet rows = s.executeQuery()) {
        return rows.next() ? rows.getLong(1) : null;
      }
    }
  }

  /**
   * The first installs of {@code datasource}'s versions by the sites that report it now: one row
   * per site and version, which the adoption chart needs all of.
   */
  static List<Adoption.Install> installs(Connection c, String datasource) throws SQLException {
    List<Adoption.Install> installs = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT r.site, r.version, r.first_installed_at FROM site_release r"
                + " JOIN site_datasource d ON d.site = r.site AND d.datasource = r.datasource"
                + " WHERE r.datasource = ?")) {
      s.setString(1, datasource);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          installs.add(new Adoption.Install(rows.getString(1), rows.getString(2), rows.getLong(3)));
        }
      }
    }
    return installs;
  }

  /** How many sites report {@code datasource} now, whatever version they run. */
  static long reporting(Connection c, String datasource) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT COUNT(*) FROM site_datasource WHERE datasource = ?")) {
      s.setString(1, datasource);
      try (ResultSet rows = s.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** The conflicts a site has open, by datasource, kind and severity. */
  static List<SiteDetail.ConflictCount> siteConflicts(Connection c, String site)
      throws SQLException {
    List<SiteDetail.ConflictCount> counts = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT datasource, kind, severity, open_count FROM site_conflict WHERE site = ?"
                + " ORDER BY datasource, kind, severity")) {
      s.setString(1, site);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          counts.add(
              new SiteDetail.ConflictCount(
                  rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4)));
        }
      }
    }
    return counts;
  }

  /** The sites per datasource, version and state, for the gauges. */
  static List<StateCount> stateCounts(Connection c) throws SQLException {
    List<StateCount> counts = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT datasource, installed, COUNT(*) FROM site_datasource"
                    + " WHERE installed IS NOT NULL GROUP BY datasource, installed");
        ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        counts.add(
            new StateCount(rows.getString(1), rows.getString(2), "installed", rows.getLong(3)));
      }
    }
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT datasource, release_version, outcome, COUNT(*) FROM site_datasource"
                    + " WHERE release_version IS NOT NULL"
                    + " AND outcome IN ('waiting', 'held', 'failed')"
                    + " GROUP BY datasource, release_version, outcome");
        ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        counts.add(
            new StateCount(
                rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4)));
      }
    }
    return counts;
  }

  private static Long nullableLong(ResultSet rows, int column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : value;
  }

  /** What the halt policy weighs for one release, from the sites' latest states. */
  static HaltPolicy.Figures haltFigures(Connection c, ReleaseKey release) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT COUNT(CASE WHEN d.installed = ? THEN 1 END),"
                + " COUNT(CASE WHEN d.outcome = 'failed' AND d.release_version = ? THEN 1 END),"
                + " COUNT(CASE WHEN d.installed = ? AND EXISTS (SELECT 1 FROM site_conflict k"
                + " WHERE k.site = d.site AND k.datasource = d.datasource"
                + " AND k.severity = 'blocking' AND k.open_count > 0) THEN 1 END)"
                + " FROM site_datasource d WHERE d.datasource = ?")) {
      s.setString(1, release.version());
      s.setString(2, release.version());
      s.setString(3, release.version());
      s.setString(4, release.datasource());
      try (ResultSet rows = s.executeQuery()) {
        rows.next();
        int installed = rows.getInt(1);
        int failed = rows.getInt(2);
        return new HaltPolicy.Figures(installed + failed, failed, installed, rows.getInt(3));
      }
    }
  }
}
