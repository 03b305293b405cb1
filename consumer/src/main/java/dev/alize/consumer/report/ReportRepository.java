package dev.alize.consumer.report;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** Enrolments, pending reports, and what a report tells, read from the site's database. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ReportRepository extends GenericRepository<PendingReport, String> {

  /** Open conflicts of one kind and severity in a datasource. */
  @Introspected
  record ConflictTally(String datasource, String kind, String severity, int count) {}

  /** How long the last successful import of a datasource took. */
  @Introspected
  record ImportTime(String datasource, long durationMs) {}

  @Query("SELECT * FROM report_enrolment WHERE repository = :repository")
  Optional<ReportEnrolment> enrolment(String repository);

  @Query("DELETE FROM report_enrolment WHERE repository = :repository")
  void forget(String repository);

  @Query(
      "INSERT INTO report_enrolment (repository, url, label, enrolled_at)"
          + " VALUES (:repository, :url, :label, CAST(:enrolledAtUtc AS TIMESTAMP))")
  void enrol(String repository, String url, String label, String enrolledAtUtc);

  @Query("SELECT * FROM report_outbox WHERE repository = :repository")
  Optional<PendingReport> pending(String repository);

  @Query(
      "SELECT * FROM report_outbox WHERE next_attempt_at <= CAST(:nowUtc AS TIMESTAMP)"
          + " ORDER BY repository")
  List<PendingReport> due(String nowUtc);

  /**
   * Marks a repository changed again, due now; returns the rows changed (0 when none was pending).
   * The last error stays, so that a publisher down for long is logged once, not at every change.
   */
  @Query(
      "UPDATE report_outbox SET change_count = change_count + 1,"
          + " next_attempt_at = CAST(:nowUtc AS TIMESTAMP), attempts = 0"
          + " WHERE repository = :repository")
  int markAgain(String repository, String nowUtc);

  @Query(
      "INSERT INTO report_outbox (repository, change_count, created_at, next_attempt_at)"
          + " VALUES (:repository, 1, CAST(:nowUtc AS TIMESTAMP), CAST(:nowUtc AS TIMESTAMP))")
  void mark(String repository, String nowUtc);

  /** Forgets a pending report once delivered, unless the state changed again meanwhile. */
  @Query("DELETE FROM report_outbox WHERE repository = :repository AND change_count = :changeCount")
  int delivered(String repository, long changeCount);

  @Query(
      "UPDATE report_outbox SET attempts = attempts + 1,"
          + " next_attempt_at = CAST(:nextUtc AS TIMESTAMP), last_error = :error"
          + " WHERE repository = :repository")
  void failed(String repository, String nextUtc, String error);

  @Query("DELETE FROM report_outbox WHERE repository = :repository")
  void drop(String repository);

  @Query(
      "SELECT datasource, kind, severity, COUNT(*) AS count FROM conflict WHERE status = 'open'"
          + " GROUP BY datasource, kind, severity ORDER BY datasource, kind, severity")
  List<ConflictTally> openConflicts();

  @Query(
      "SELECT datasource, duration_ms FROM import_run WHERE id IN (SELECT MAX(id) FROM import_run"
          + " WHERE kind = 'import' AND outcome = 'success' GROUP BY datasource)")
  List<ImportTime> lastImportTimes();
}
