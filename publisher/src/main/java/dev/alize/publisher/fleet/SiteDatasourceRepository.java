package dev.alize.publisher.fleet;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** The latest state of each datasource at each site, and its open conflicts. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SiteDatasourceRepository extends GenericRepository<SiteDatasource, String> {

  /** Deletes the state, and its conflict counts with it (ON DELETE CASCADE). */
  @Query("DELETE FROM site_datasource WHERE site = :site AND datasource = :datasource")
  int delete(String site, String datasource);

  /** Forgets what a site told of a repository: a report tells the whole of it again. */
  @Query("DELETE FROM site_datasource WHERE site = :site AND repository = :repository")
  int deleteRepository(String site, String repository);

  @Query(
      "INSERT INTO site_datasource (site, datasource, repository, installed, previous, outcome,"
          + " release_version, error_class, import_ms, reported_at)"
          + " VALUES (:site, :datasource, :repository, :installed, :previous, :outcome,"
          + " :releaseVersion, :errorClass, :importMs, :reportedAt)")
  void insert(
      String site,
      String datasource,
      String repository,
      @Nullable String installed,
      @Nullable String previous,
      String outcome,
      @Nullable String releaseVersion,
      @Nullable String errorClass,
      @Nullable Long importMs,
      long reportedAt);

  @Query(
      "INSERT INTO site_conflict (site, datasource, kind, severity, open_count)"
          + " VALUES (:site, :datasource, :kind, :severity, :count)")
  void insertConflict(String site, String datasource, String kind, String severity, int count);

  @Query("SELECT * FROM site_datasource WHERE site = :site ORDER BY datasource")
  List<SiteDatasource> ofSite(String site);

  @Query("SELECT * FROM site_datasource ORDER BY site, datasource")
  List<SiteDatasource> all();

  /** The states of the sites whose last report is older than {@code before}, or that never did. */
  @Query(
      "SELECT d.* FROM site_datasource d JOIN site s ON s.id = d.site"
          + " WHERE s.last_seen IS NULL OR s.last_seen < :before ORDER BY d.site, d.datasource")
  List<SiteDatasource> notSeenSince(long before);
}
