package dev.alize.consumer.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** Conflicts between upstream changes and child models, as rows. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ConflictRepository extends GenericRepository<StoredConflict, Long> {

  String SELECT =
      "SELECT c.*, m.name AS child FROM conflict c JOIN child_model m ON m.id = c.child_id";

  /** Blocking first, then warnings, then information; oldest first within each. */
  String ORDER =
      " ORDER BY CASE c.severity WHEN 'blocking' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, c.id";

  @Query(SELECT + ORDER)
  List<StoredConflict> list();

  @Query(SELECT + " WHERE c.status = :status" + ORDER)
  List<StoredConflict> list(String status);

  @Query(SELECT + " WHERE c.child_id = :childId" + ORDER)
  List<StoredConflict> ofChild(long childId);

  /** The conflicts of the children of {@code datasource}'s models. */
  @Query(SELECT + " WHERE c.datasource = :datasource" + ORDER)
  List<StoredConflict> ofDatasource(String datasource);

  @Query(SELECT + " WHERE c.id = :id")
  Optional<StoredConflict> find(long id);

  @Query(
      "SELECT id FROM conflict WHERE child_id = :childId AND kind = :kind AND subject = :subject")
  long idOf(long childId, String kind, String subject);

  @Query(
      "INSERT INTO conflict (child_id, kind, subject, severity, status, message, details,"
          + " datasource, raised_version, last_seen_version, first_seen_at, last_seen_at,"
          + " status_changed_at) VALUES (:childId, :kind, :subject, :severity, 'open', :message,"
          + " :detailsJson, :datasource, :version, :version, CAST(:nowUtc AS TIMESTAMP),"
          + " CAST(:nowUtc AS TIMESTAMP), CAST(:nowUtc AS TIMESTAMP))")
  void insert(
      long childId,
      String kind,
      String subject,
      String severity,
      String message,
      String detailsJson,
      String datasource,
      String version,
      String nowUtc);

  /** Its cause is back or changed: open again, raised by {@code version}. */
  @Query(
      "UPDATE conflict SET status = 'open', message = :message, details = :detailsJson,"
          + " severity = :severity, raised_version = :version, last_seen_version = :version,"
          + " last_seen_at = CAST(:nowUtc AS TIMESTAMP), closed_version = NULL,"
          + " status_changed_at = CAST(:nowUtc AS TIMESTAMP), status_changed_by = NULL,"
          + " comment = NULL WHERE id = :id")
  void reopen(
      long id, String message, String detailsJson, String severity, String version, String nowUtc);

  @Query(
      "UPDATE conflict SET message = :message, details = :detailsJson,"
          + " last_seen_version = :version, last_seen_at = CAST(:nowUtc AS TIMESTAMP)"
          + " WHERE id = :id")
  void seen(long id, String message, String detailsJson, String version, String nowUtc);

  /** Seen again as it was: only when, and in which version. */
  @Query(
      "UPDATE conflict SET last_seen_version = :version,"
          + " last_seen_at = CAST(:nowUtc AS TIMESTAMP) WHERE id IN (:ids)")
  void seenAgain(List<Long> ids, String version, String nowUtc);

  @Query("UPDATE conflict SET closed_version = :version WHERE id = :id")
  void causeGone(long id, String version);

  /** Its cause is gone: resolved by Alizé itself. */
  @Query(
      "UPDATE conflict SET status = 'resolved', closed_version = :version,"
          + " status_changed_at = CAST(:nowUtc AS TIMESTAMP), status_changed_by = NULL"
          + " WHERE id = :id")
  void close(long id, String version, String nowUtc);

  @Query(
      "UPDATE conflict SET status = :status, status_changed_at = CAST(:nowUtc AS TIMESTAMP),"
          + " status_changed_by = :by, comment = :comment WHERE id = :id")
  void setStatus(long id, String status, String by, @Nullable String comment, String nowUtc);
}
