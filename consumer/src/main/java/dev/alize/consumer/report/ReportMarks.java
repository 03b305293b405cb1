package dev.alize.consumer.report;

import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.persistence.DatabaseException;
import dev.alize.consumer.store.DatasourceRepository;
import dev.alize.consumer.store.InstalledDatasource;
import dev.alize.consumer.store.UtcTimestamp;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notes that a repository's state changed (a sync, an import, a rollback, an approval, a conflict
 * opened or closed), so that its report is sent. A note is written after the change committed, in a
 * transaction of its own: marking never fails or undoes the change it follows.
 */
@Singleton
public final class ReportMarks {

  private static final Logger LOG = LoggerFactory.getLogger(ReportMarks.class);

  private final Database database;
  private final ReportRepository rows;
  private final DatasourceRepository datasources;
  private final Clock clock;

  public ReportMarks(
      Database database, ReportRepository rows, DatasourceRepository datasources, Clock clock) {
    this.database = database;
    this.rows = rows;
    this.datasources = datasources;
    this.clock = clock;
  }

  /** The state of {@code repository} changed. */
  public void repository(String repository) {
    String now = UtcTimestamp.of(clock.instant());
    try {
      database.inTransaction(
          c -> {
            if (rows.markAgain(repository, now) == 0) {
              rows.mark(repository, now);
            }
            return null;
          });
    } catch (DatabaseException e) {
      if (!e.isDuplicateKey()) {
        LOG.warn("{}: cannot note the change for its report: {}", repository, e.getMessage());
      }
      // A duplicate key: another replica noted it at the same moment, which is as good.
    }
  }

  /** The state of {@code datasource} changed: its repository's report is due. */
  public void datasource(String datasource) {
    try {
      database
          .inTransaction(c -> datasources.find(datasource).map(InstalledDatasource::repository))
          .ifPresent(this::repository);
    } catch (DatabaseException e) {
      LOG.warn("{}: cannot note the change for its report: {}", datasource, e.getMessage());
    }
  }
}
