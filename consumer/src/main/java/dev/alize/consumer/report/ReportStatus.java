package dev.alize.consumer.report;

import dev.alize.consumer.persistence.Database;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Where a repository's reports stand: its enrolment, and the report waiting to leave. */
@Singleton
public final class ReportStatus {

  private final Database database;
  private final ReportRepository rows;

  public ReportStatus(Database database, ReportRepository rows) {
    this.database = database;
    this.rows = rows;
  }

  public Optional<ReportEnrolment> enrolment(String repository) {
    return database.inTransaction(c -> rows.enrolment(repository));
  }

  public Optional<PendingReport> pending(String repository) {
    return database.inTransaction(c -> rows.pending(repository));
  }
}
