package dev.alize.consumer.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** The history of syncs, imports and rollbacks, newest first. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ImportRunRepository extends GenericRepository<ImportRun, Long> {

  default void record(ImportRun run) {
    insert(
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
        UtcTimestamp.of(run.startedAt()),
        run.durationMillis(),
        run.outcome(),
        run.error());
  }

  @Query(
      "INSERT INTO import_run (kind, repository, datasource, from_version, to_version,"
          + " target_hash, targets_version, models_added, models_changed, models_removed,"
          + " models_unchanged, models_withdrawn, conflicts_raised, conflicts_closed, started_at,"
          + " duration_ms, outcome, error) VALUES (:kind, :repository, :datasource, :fromVersion,"
          + " :toVersion, :targetHash, :targetsVersion, :added, :changed, :removed, :unchanged,"
          + " :withdrawn, :conflictsRaised, :conflictsClosed, CAST(:startedAtUtc AS TIMESTAMP), :durationMillis,"
          + " :outcome, :error)")
  void insert(
      String kind,
      String repository,
      @Nullable String datasource,
      @Nullable String fromVersion,
      @Nullable String toVersion,
      @Nullable String targetHash,
      @Nullable Integer targetsVersion,
      int added,
      int changed,
      int removed,
      int unchanged,
      int withdrawn,
      int conflictsRaised,
      int conflictsClosed,
      String startedAtUtc,
      long durationMillis,
      String outcome,
      @Nullable String error);

  /**
   * History rows of syncs started before {@code beforeUtc}, deleted but for each repository's
   * newest row, which tells its state since then however old; how many.
   */
  @Query(
      "DELETE FROM import_run WHERE kind = 'sync' AND started_at < CAST(:beforeUtc AS TIMESTAMP)"
          + " AND id NOT IN (SELECT MAX(id) FROM import_run GROUP BY repository)")
  int deleteSyncsBefore(String beforeUtc);

  /** History rows of imports and rollbacks started before {@code beforeUtc}, deleted; how many. */
  @Query(
      "DELETE FROM import_run WHERE kind <> 'sync' AND started_at < CAST(:beforeUtc AS TIMESTAMP)")
  int deleteImportsBefore(String beforeUtc);

  /** The repository's newest row, of any kind: at most one. */
  @Query(
      "SELECT * FROM import_run WHERE repository = :repository ORDER BY id DESC"
          + " FETCH FIRST 1 ROWS ONLY")
  List<ImportRun> newest(String repository);

  /** The newest runs, at most {@code limit}. */
  @Query("SELECT * FROM import_run ORDER BY id DESC FETCH FIRST :limit ROWS ONLY")
  List<ImportRun> list(int limit);

  /** The newest runs of one datasource, at most {@code limit}. */
  @Query(
      "SELECT * FROM import_run WHERE datasource = :datasource ORDER BY id DESC"
          + " FETCH FIRST :limit ROWS ONLY")
  List<ImportRun> list(String datasource, int limit);
}
