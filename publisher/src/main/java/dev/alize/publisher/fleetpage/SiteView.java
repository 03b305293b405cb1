package dev.alize.publisher.fleetpage;

import dev.alize.publisher.fleet.SiteDatasource;
import dev.alize.publisher.fleet.SiteDetail;
import java.time.Instant;
import java.util.List;

/**
 * One site's page: when it was last seen and, for each datasource the reader may read, what it
 * runs, what its last sync came to and the conflicts it has open.
 */
public record SiteView(SiteRow site, List<DatasourceState> datasources) {

  /**
   * One datasource at the site.
   *
   * @param release the release the outcome is about, or null
   * @param errorClass why its last sync failed, or null
   */
  public record DatasourceState(
      String datasource,
      String repository,
      String installed,
      String previous,
      String outcome,
      String release,
      String errorClass,
      Long importMs,
      Instant reportedAt,
      List<SiteDetail.ConflictCount> conflicts) {}

  static SiteView of(SiteDetail detail, Maintainer reader) {
    List<DatasourceState> states =
        detail.datasources().stream()
            .filter(d -> reader.reads(d.datasource()))
            .map(d -> state(d, detail.conflicts()))
            .toList();
    return new SiteView(SiteRow.of(detail.summary(), reader), states);
  }

  private static DatasourceState state(SiteDatasource d, List<SiteDetail.ConflictCount> conflicts) {
    return new DatasourceState(
        d.datasource(),
        d.repository(),
        d.installed(),
        d.previous(),
        d.outcome(),
        d.releaseVersion(),
        d.errorClass(),
        d.importMs(),
        Instant.ofEpochMilli(d.reportedAt()),
        conflicts.stream().filter(c -> c.datasource().equals(d.datasource())).toList());
  }
}
