package dev.alize.consumer.notify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/**
 * The notification outbox. A dispatcher claims a row by moving its next attempt past a lease, on
 * the condition that it is still as the dispatcher read it: of two replicas, only one claims it.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OutboxRepository extends GenericRepository<OutboxRow, Long> {

  @Query(
      "INSERT INTO notification_outbox (channel, payload, created_at, attempts, next_attempt_at)"
          + " VALUES (:channel, :payload, CAST(:nowUtc AS TIMESTAMP), 0,"
          + " CAST(:nowUtc AS TIMESTAMP))")
  void insert(String channel, String payload, String nowUtc);

  /** Undelivered rows due at {@code nowUtc}, not given up, oldest first. */
  @Query(
      "SELECT id, channel, payload, attempts, next_attempt_at FROM notification_outbox"
          + " WHERE delivered_at IS NULL AND attempts < :maxAttempts"
          + " AND next_attempt_at <= CAST(:nowUtc AS TIMESTAMP)"
          + " ORDER BY id FETCH FIRST :limit ROWS ONLY")
  List<OutboxRow> due(int maxAttempts, String nowUtc, int limit);

  /** Rows neither delivered nor given up. */
  @Query(
      "SELECT COUNT(*) FROM notification_outbox"
          + " WHERE delivered_at IS NULL AND attempts < :maxAttempts")
  long undelivered(int maxAttempts);

  /** The first next attempt of the rows neither delivered nor given up, as text; null for none. */
  @Query(
      "SELECT id, channel, payload, attempts, next_attempt_at FROM notification_outbox"
          + " WHERE delivered_at IS NULL AND attempts < :maxAttempts"
          + " ORDER BY next_attempt_at FETCH FIRST 1 ROWS ONLY")
  List<OutboxRow> firstDue(int maxAttempts);

  /** 1 when this dispatcher now holds the row until {@code leaseUtc}, 0 when another took it. */
  @Query(
      "UPDATE notification_outbox SET next_attempt_at = CAST(:leaseUtc AS TIMESTAMP)"
          + " WHERE id = :id AND delivered_at IS NULL AND attempts = :attempts"
          + " AND next_attempt_at = CAST(:dueUtc AS TIMESTAMP)")
  int claim(long id, int attempts, String dueUtc, String leaseUtc);

  @Query(
      "UPDATE notification_outbox SET delivered_at = CAST(:nowUtc AS TIMESTAMP),"
          + " attempts = :attempts WHERE id = :id AND delivered_at IS NULL")
  int delivered(long id, int attempts, String nowUtc);

  @Query(
      "UPDATE notification_outbox SET attempts = :attempts, last_error = :error,"
          + " next_attempt_at = CAST(:nextUtc AS TIMESTAMP) WHERE id = :id"
          + " AND delivered_at IS NULL AND attempts = :attemptsBefore"
          + " AND next_attempt_at = CAST(:dueUtc AS TIMESTAMP)")
  int failed(
      long id,
      int attempts,
      @Nullable String error,
      String nextUtc,
      int attemptsBefore,
      String dueUtc);

  /** Notifications delivered before {@code beforeUtc}, deleted; how many. */
  @Query("DELETE FROM notification_outbox WHERE delivered_at < CAST(:beforeUtc AS TIMESTAMP)")
  int deleteDeliveredBefore(String beforeUtc);
}
