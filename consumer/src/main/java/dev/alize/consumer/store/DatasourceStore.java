package dev.alize.consumer.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The datasource rows (what is imported, what was before, pins) and the admins' approvals. The
 * datasource row is also the lock that makes replicas sharing one database import a datasource one
 * at a time.
 */
public final class DatasourceStore {

  private static final String COLUMNS =
      "name, repository, version, target_path, target_hash, targets_version, imported_at,"
          + " previous_version, previous_target_path, previous_target_hash,"
          + " previous_targets_version, pinned_below";

  /**
   * Creates the datasource's row if it has none. Run in a transaction of its own, and committed,
   * before the import's: a replica inserting it at the same time makes that transaction fail with a
   * duplicate key, which {@link Sql#isDuplicateKey} recognises.
   */
  public void ensure(Connection c, String datasource, String repository) throws SQLException {
    if (find(c, datasource).isEmpty()) {
      Sql.update(
          c, "INSERT INTO datasource (name, repository) VALUES (?, ?)", datasource, repository);
    }
  }

  /** Whether {@code e} says that another replica created the same row first. */
  public static boolean isDuplicateKey(SQLException e) {
    return Sql.isDuplicateKey(e);
  }

  /**
   * Locks the datasource's row until the transaction ends: another replica's import of the same
   * datasource waits here, then sees what this one committed.
   */
  public InstalledDatasource lock(Connection c, String datasource) throws SQLException {
    return lockIfExists(c, datasource)
        .orElseThrow(() -> new SQLException("no datasource row for " + datasource));
  }

  /** As {@link #lock}, for a datasource that may not have been imported: empty then. */
  public Optional<InstalledDatasource> lockIfExists(Connection c, String datasource)
      throws SQLException {
    return Sql.one(
        c,
        "SELECT " + COLUMNS + " FROM datasource WHERE name = ? FOR UPDATE",
        DatasourceStore::row,
        datasource);
  }

  public Optional<InstalledDatasource> find(Connection c, String datasource) throws SQLException {
    return Sql.one(
        c,
        "SELECT " + COLUMNS + " FROM datasource WHERE name = ?",
        DatasourceStore::row,
        datasource);
  }

  public List<InstalledDatasource> list(Connection c) throws SQLException {
    return Sql.list(
        c, "SELECT " + COLUMNS + " FROM datasource ORDER BY name", DatasourceStore::row);
  }

  /**
   * Records a completed import: the imported release becomes current, the one before it the
   * rollback target, and the pin is set (after a rollback) or lifted. A rollback leaves no rollback
   * target: rolling back again would bring back the release just rolled back from.
   */
  public void recordImport(
      Connection c,
      InstalledDatasource before,
      ImportedRelease release,
      String title,
      String maintainer,
      String description,
      Instant now,
      String pinnedBelow,
      boolean rollback)
      throws SQLException {
    InstalledDatasource previous = rollback ? null : before;
    Sql.update(
        c,
        "UPDATE datasource SET repository = ?, version = ?, target_path = ?, target_hash = ?,"
            + " targets_version = ?, title = ?, maintainer = ?, description = ?, imported_at = ?,"
            + " previous_version = ?, previous_target_path = ?, previous_target_hash = ?,"
            + " previous_targets_version = ?, pinned_below = ?, pinned_at = ? WHERE name = ?",
        release.repository(),
        release.version(),
        release.targetPath(),
        release.targetHash(),
        release.targetsVersion(),
        title,
        maintainer,
        description,
        now,
        previous == null ? null : previous.version(),
        previous == null ? null : previous.targetPath(),
        previous == null ? null : previous.targetHash(),
        previous == null ? null : previous.targetsVersion(),
        pinnedBelow,
        pinnedBelow == null ? null : now,
        before.name());
  }

  /** Lifts a rollback's pin: the next sync may import the newest release again. */
  public void unpin(Connection c, String datasource) throws SQLException {
    Sql.update(
        c,
        "UPDATE datasource SET pinned_below = NULL, pinned_at = NULL WHERE name = ?",
        datasource);
  }

  /** Approvals as {@code NAME VERSION}. */
  public Set<String> approvals(Connection c) throws SQLException {
    return new TreeSet<>(
        Sql.list(
            c,
            "SELECT datasource, version FROM approval",
            rs -> rs.getString(1) + " " + rs.getString(2)));
  }

  /** Approves a release; approving twice keeps the first approval. */
  public void approve(Connection c, String datasource, String version, String by, Instant now)
      throws SQLException {
    boolean exists =
        Sql.one(
                c,
                "SELECT 1 FROM approval WHERE datasource = ? AND version = ?",
                rs -> 1,
                datasource,
                version)
            .isPresent();
    if (!exists) {
      Sql.update(
          c,
          "INSERT INTO approval (datasource, version, approved_at, approved_by) VALUES (?, ?, ?,"
              + " ?)",
          datasource,
          version,
          now,
          by);
    }
  }

  private static InstalledDatasource row(java.sql.ResultSet rs) throws SQLException {
    return new InstalledDatasource(
        rs.getString("name"),
        rs.getString("repository"),
        rs.getString("version"),
        rs.getString("target_path"),
        rs.getString("target_hash"),
        Sql.integer(rs, "targets_version"),
        Sql.instant(rs, "imported_at"),
        rs.getString("previous_version"),
        rs.getString("previous_target_path"),
        rs.getString("previous_target_hash"),
        Sql.integer(rs, "previous_targets_version"),
        rs.getString("pinned_below"));
  }
}
