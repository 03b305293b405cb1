package dev.alize.publisher.fleet;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/** When each site first reported each release installed, and how long its import took. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SiteReleaseRepository extends GenericRepository<SiteRelease, String> {

  @Query(
      "SELECT COUNT(*) FROM site_release"
          + " WHERE datasource = :datasource AND version = :version AND site = :site")
  long count(String datasource, String version, String site);

  @Query(
      "INSERT INTO site_release (datasource, version, site, first_installed_at, import_ms)"
          + " VALUES (:datasource, :version, :site, :firstInstalledAt, :importMs)")
  void insert(
      String datasource,
      String version,
      String site,
      long firstInstalledAt,
      @Nullable Long importMs);
}
