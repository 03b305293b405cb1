package dev.alize.publisher.fleet;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/** The releases the halt policy stopped. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AutoHaltRepository extends GenericRepository<AutoHaltRow, String> {

  @Query("SELECT COUNT(*) FROM auto_halt WHERE datasource = :datasource AND version = :version")
  long count(String datasource, String version);

  @Query(
      "INSERT INTO auto_halt (datasource, version, halted_at, reason)"
          + " VALUES (:datasource, :version, :haltedAt, :reason)")
  void insert(String datasource, String version, long haltedAt, String reason);
}
