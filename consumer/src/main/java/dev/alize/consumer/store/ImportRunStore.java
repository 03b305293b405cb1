package dev.alize.consumer.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The history of syncs, imports and rollbacks, newest first. */
public final class ImportRunStore {

  public long record(Connection c, ImportRun run) throws SQLException {
    return Sql.insert(
        c,
        "INSERT INTO import_run (kind, repository, datasource, from_version, to_version,"
            + " target_hash, targets_version, models_added, models_changed, models_removed,"
            + " models_unchanged, models_withdrawn, conflicts_raised, conflicts_closed,"
            + " started_at, duration_ms, outcome, error)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        run.kind(),
        run.repository(),
        run.datasource(),
        run.fromVersion(),
        run.toVersion(),
        run.targetHash(),
        run.targetsVersion(),
        run.counts().added(),
        run.counts().changed(),
        run.counts().removed(),
        run.counts().unchanged(),
        run.counts().withdrawn(),
        run.conflictsRaised(),
        run.conflictsClosed(),
        run.startedAt(),
        run.durationMillis(),
        run.outcome(),
        run.error());
  }

  /** The newest runs, at most {@code limit}; of one datasource when it is not null. */
  public List<ImportRun> list(Connection c, String datasource, int limit) throws SQLException {
    String where = datasource == null ? "" : " WHERE datasource = ?";
    Sql.Row<ImportRun> row =
        rs ->
            new ImportRun(
                rs.getLong("id"),
                rs.getString("kind"),
                rs.getString("repository"),
                rs.getString("datasource"),
                rs.getString("from_version"),
                rs.getString("to_version"),
                rs.getString("target_hash"),
                Sql.integer(rs, "targets_version"),
                new ModelCounts(
                    rs.getInt("models_added"),
                    rs.getInt("models_changed"),
                    rs.getInt("models_removed"),
                    rs.getInt("models_unchanged"),
                    rs.getInt("models_withdrawn")),
                rs.getInt("conflicts_raised"),
                rs.getInt("conflicts_closed"),
                Sql.instant(rs, "started_at"),
                rs.getLong("duration_ms"),
                rs.getString("outcome"),
                rs.getString("error"));
    String sql = "SELECT * FROM import_run" + where + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY";
    return datasource == null
        ? Sql.list(c, sql, row, limit)
        : Sql.list(c, sql, row, datasource, limit);
  }
}
