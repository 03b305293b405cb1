package dev.alize.publisher.fleet;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** The enrolled sites. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SiteRepository extends GenericRepository<Site, String> {

  @Query("SELECT * FROM site WHERE id = :id")
  Optional<Site> find(String id);

  @Query(
      "INSERT INTO site (id, label, public_key, enrolled_at, last_sequence)"
          + " VALUES (:id, :label, :publicKey, :enrolledAt, 0)")
  void insert(String id, String label, String publicKey, long enrolledAt);

  /**
   * Records an accepted report, only when its sequence is above the last one: 0 rows means a
   * replay. The row stays locked until the transaction ends, so two reports of one site are stored
   * one after the other.
   */
  @Query(
      "UPDATE site SET last_sequence = :sequence, last_seen = :seen,"
          + " consumer_version = :consumerVersion"
          + " WHERE id = :id AND last_sequence < :sequence")
  int advance(String id, long sequence, long seen, String consumerVersion);

  /** The sites enrolled under {@code label}: a site that enrolled again has it twice. */
  @Query("SELECT * FROM site WHERE label = :label ORDER BY id")
  List<Site> labelled(String label);

  @Query("SELECT * FROM site ORDER BY label, id")
  List<Site> all();

  /** The sites whose last report is older than {@code before}, or that never reported. */
  @Query("SELECT * FROM site WHERE last_seen IS NULL OR last_seen < :before ORDER BY label, id")
  List<Site> notSeenSince(long before);

  @Query("SELECT COUNT(*) FROM site")
  long count();
}
