package dev.alize.publisher.fleet;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** The enrolment tokens issued, by hash. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EnrolmentRepository extends GenericRepository<Enrolment, String> {

  @Query(
      "INSERT INTO enrolment (token_sha256, label, created_at, expires_at)"
          + " VALUES (:tokenSha256, :label, :createdAt, :expiresAt)")
  void insert(String tokenSha256, String label, long createdAt, long expiresAt);

  @Query("SELECT * FROM enrolment WHERE token_sha256 = :tokenSha256")
  Optional<Enrolment> find(String tokenSha256);

  /** Uses the token up, only if it is still unused: 0 rows when another request used it first. */
  @Query(
      "UPDATE enrolment SET used_at = :usedAt, site = :site"
          + " WHERE token_sha256 = :tokenSha256 AND used_at IS NULL")
  int use(String tokenSha256, long usedAt, String site);
}
