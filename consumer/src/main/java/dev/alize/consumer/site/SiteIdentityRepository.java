package dev.alize.consumer.site;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** The site's identity, once made. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SiteIdentityRepository extends GenericRepository<SiteIdentityRow, Integer> {

  @Query("SELECT * FROM site_identity WHERE singleton = 1")
  Optional<SiteIdentityRow> find();

  @Query(
      "INSERT INTO site_identity (singleton, id, created_at)"
          + " VALUES (1, :id, CAST(:createdAtUtc AS TIMESTAMP))")
  void insert(String id, String createdAtUtc);

  /** Stores the report key unless one is stored already; returns the rows changed. */
  @Query("UPDATE site_identity SET report_key = :pem WHERE singleton = 1 AND report_key IS NULL")
  int keepKey(String pem);

  @Query("UPDATE site_identity SET report_sequence = report_sequence + 1 WHERE singleton = 1")
  void advanceSequence();

  @Query("SELECT report_sequence FROM site_identity WHERE singleton = 1")
  long sequence();
}
