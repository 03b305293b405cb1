package dev.alize.consumer.sync;

import dev.alize.common.verify.MetadataLimits;
import dev.alize.consumer.fetch.Fetchers;
import dev.alize.consumer.importer.Importer;
import dev.alize.consumer.report.ReportMarks;
import dev.alize.consumer.site.SiteIdentity;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The sync of repositories, over the pure verification of common and the process's fetchers. */
@Factory
final class SyncBeans {

  /**
   * Fetchers are kept per repository, so that {@code serve} reuses its HTTPS connections from one
   * poll to the next.
   */
  @Singleton
  SyncService syncService(
      StatusStore statuses,
      Importer importer,
      Clock clock,
      SiteIdentity identity,
      ReportMarks reports) {
    return new SyncService(
        statuses,
        Fetchers.kept(),
        importer,
        clock,
        MetadataLimits.DEFAULT,
        identity::get,
        reports::repository);
  }
}
