package dev.alize.publisher.fleet;

import java.util.List;

/**
 * One site with the latest state of each of its datasources and their open conflicts, as its last
 * report told them.
 */
public record SiteDetail(
    SiteSummary summary, List<SiteDatasource> datasources, List<ConflictCount> conflicts) {

  /** The conflicts of one kind and severity open on one of the site's datasources. */
  public record ConflictCount(String datasource, String kind, String severity, long count) {}

  public SiteDetail {
    datasources = List.copyOf(datasources);
    conflicts = List.copyOf(conflicts);
  }
}
