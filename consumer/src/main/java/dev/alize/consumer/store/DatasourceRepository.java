package dev.alize.consumer.store;

import dev.alize.common.datasource.DatasourceInfo;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The datasources' rows: what each has imported, the rollback target and the pin. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DatasourceRepository extends GenericRepository<InstalledDatasource, String> {

  @Query("SELECT * FROM datasource WHERE name = :name")
  Optional<InstalledDatasource> find(String name);

  @Query("SELECT * FROM datasource ORDER BY name")
  List<InstalledDatasource> list();

  /**
   * Locks the datasource's row until the transaction ends: another replica's import of the same
   * datasource waits here, then sees what this one committed. Empty when it has no row.
   */
  @Query("SELECT * FROM datasource WHERE name = :name FOR UPDATE")
  Optional<InstalledDatasource> lock(String name);

  @Query("INSERT INTO datasource (name, repository) VALUES (:name, :repository)")
  void insert(String name, String repository);

  /**
   * Creates the datasource's row if it has none. Run in a transaction of its own, and committed,
   * before the import's: a replica inserting it at the same time makes that transaction fail with a
   * duplicate key ({@link dev.alize.consumer.persistence.DatabaseException#isDuplicateKey}).
   */
  default void ensure(String name, String repository) {
    if (find(name).isEmpty()) {
      insert(name, repository);
    }
  }

  /**
   * Records a completed import: the imported release becomes current, the one before it the
   * rollback target, and the pin is set (after a rollback) or lifted. A rollback leaves no rollback
   * target: rolling back again would bring back the release just rolled back from.
   */
  default void recordImport(
      InstalledDatasource before,
      ImportedRelease release,
      DatasourceInfo info,
      Instant now,
      @Nullable String pinnedBelow,
      boolean rollback) {
    InstalledDatasource previous = rollback ? null : before;
    update(
        before.name(),
        release.repository(),
        release.version(),
        release.targetPath(),
        release.targetHash(),
        release.targetsVersion(),
        info.title(),
        info.maintainer(),
        info.description(),
        UtcTimestamp.of(now),
        previous == null ? null : previous.version(),
        previous == null ? null : previous.targetPath(),
        previous == null ? null : previous.targetHash(),
        previous == null ? null : previous.targetsVersion(),
        pinnedBelow,
        pinnedBelow == null ? null : UtcTimestamp.of(now));
  }

  @Query(
      "UPDATE datasource SET repository = :repository, version = :version,"
          + " target_path = :targetPath, target_hash = :targetHash,"
          + " targets_version = :targetsVersion, title = :title, maintainer = :maintainer,"
          + " description = :description, imported_at = CAST(:importedAtUtc AS TIMESTAMP),"
          + " previous_version = :previousVersion, previous_target_path = :previousTargetPath,"
          + " previous_target_hash = :previousTargetHash,"
          + " previous_targets_version = :previousTargetsVersion, pinned_below = :pinnedBelow,"
          + " pinned_at = CAST(:pinnedAtUtc AS TIMESTAMP) WHERE name = :name")
  void update(
      String name,
      String repository,
      String version,
      String targetPath,
      String targetHash,
      @Nullable Integer targetsVersion,
      @Nullable String title,
      @Nullable String maintainer,
      @Nullable String description,
      String importedAtUtc,
      @Nullable String previousVersion,
      @Nullable String previousTargetPath,
      @Nullable String previousTargetHash,
      @Nullable Integer previousTargetsVersion,
      @Nullable String pinnedBelow,
      @Nullable String pinnedAtUtc);

  /** Lifts a rollback's pin: the next sync may import the newest release again. */
  @Query("UPDATE datasource SET pinned_below = NULL, pinned_at = NULL WHERE name = :name")
  void unpin(String name);
}
