package dev.alize.consumer.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** The releases held for approval and told to the admins. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface HeldReleaseRepository extends GenericRepository<HeldRelease, String> {

  @Query("SELECT * FROM held_release ORDER BY datasource, version")
  List<HeldRelease> list();

  @Query("SELECT * FROM held_release WHERE datasource = :datasource")
  List<HeldRelease> of(String datasource);

  @Query(
      "INSERT INTO held_release (datasource, version, repository, installed, reason, held_at)"
          + " VALUES (:datasource, :version, :repository, :installed, :reason,"
          + " CAST(:heldAtUtc AS TIMESTAMP))")
  void insert(
      String datasource,
      String version,
      String repository,
      @Nullable String installed,
      String reason,
      String heldAtUtc);

  @Query("DELETE FROM held_release WHERE datasource = :datasource AND version = :version")
  int delete(String datasource, String version);
}
