package dev.alize.consumer.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** The root rotations followed and told. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface FollowedRotationRepository extends GenericRepository<FollowedRotation, String> {

  @Query("SELECT * FROM root_rotation WHERE repository = :repository ORDER BY version")
  List<FollowedRotation> of(String repository);

  @Query("SELECT COUNT(*) FROM root_rotation WHERE repository = :repository AND version = :version")
  long count(String repository, long version);

  @Query(
      "INSERT INTO root_rotation (repository, version, from_version, changed_roles, followed_at)"
          + " VALUES (:repository, :version, :fromVersion, :changedRoles,"
          + " CAST(:followedAtUtc AS TIMESTAMP))")
  void insert(
      String repository, long version, long fromVersion, String changedRoles, String followedAtUtc);
}
