package dev.alize.consumer.importer;

import dev.alize.common.version.SemanticVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@link SyncInputs} of one repository in plain JDBC, four small queries on one connection:
 * every poll reads them, and the repositories' mapping cost more than the queries.
 */
final class SyncInputsQuery {

  private static final String DATASOURCES =
      "SELECT name, version, pinned_below FROM datasource WHERE repository = ?";
  private static final String APPROVALS = "SELECT datasource, version FROM approval";
  private static final String HELD = "SELECT datasource, version FROM held_release";
  private static final String NEWEST_RUN =
      "SELECT kind, outcome, error FROM import_run WHERE repository = ? ORDER BY id DESC"
          + " FETCH FIRST 1 ROWS ONLY";

  private SyncInputsQuery() {}

  static SyncInputs read(Connection c, String repository) throws SQLException {
    Map<String, SemanticVersion> installed = new TreeMap<>();
    Map<String, SemanticVersion> pins = new TreeMap<>();
    try (PreparedStatement s = c.prepareStatement(DATASOURCES)) {
      s.setString(1, repository);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          if (r.getString(2) != null) {
            installed.put(r.getString(1), SemanticVersion.parse(r.getString(2)));
          }
          if (r.getString(3) != null) {
            pins.put(r.getString(1), SemanticVersion.parse(r.getString(3)));
          }
        }
      }
    }
    Set<String> approvals = new TreeSet<>();
    try (PreparedStatement s = c.prepareStatement(APPROVALS);
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        approvals.add(r.getString(1) + " " + r.getString(2));
      }
    }
    Map<String, Set<String>> held = new TreeMap<>();
    try (PreparedStatement s = c.prepareStatement(HELD);
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        held.computeIfAbsent(r.getString(1), d -> new HashSet<>()).add(r.getString(2));
      }
    }
    boolean syncedLast;
    try (PreparedStatement s = c.prepareStatement(NEWEST_RUN)) {
      s.setString(1, repository);
      try (ResultSet r = s.executeQuery()) {
        syncedLast =
            r.next()
                && r.getString(1).equals("sync")
                && r.getString(2).equals("success")
                && r.getString(3) == null;
      }
    }
    return new SyncInputs(installed, approvals, pins, held, syncedLast);
  }
}
