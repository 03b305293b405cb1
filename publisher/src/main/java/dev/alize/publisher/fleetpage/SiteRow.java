package dev.alize.publisher.fleetpage;

import dev.alize.publisher.fleet.SiteSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A site as the fleet page lists it, with its versions of the datasources the reader may read.
 *
 * @param versions the version installed per datasource, "none" when the site has none installed
 */
public record SiteRow(
    String id,
    String label,
    Instant enrolled,
    Instant lastSeen,
    String consumerVersion,
    Map<String, String> versions,
    boolean stale) {

  /**
   * The sites {@code reader} may see: those that report one of its datasources, and those that
   * report none at all (enrolled, and silent since); never a site of other datasources only.
   */
  static List<SiteRow> visible(List<SiteSummary> sites, Maintainer reader) {
    return sites.stream().filter(s -> visible(s, reader)).map(s -> of(s, reader)).toList();
  }

  static boolean visible(SiteSummary site, Maintainer reader) {
    return site.versions().isEmpty() || site.versions().keySet().stream().anyMatch(reader::reads);
  }

  static SiteRow of(SiteSummary site, Maintainer reader) {
    Map<String, String> versions = new TreeMap<>();
    site.versions()
        .forEach(
            (datasource, version) -> {
              if (reader.reads(datasource)) {
                versions.put(datasource, version == null ? "none" : version);
              }
            });
    return new SiteRow(
        site.id(),
        site.label(),
        site.enrolled(),
        site.lastSeen(),
        site.consumerVersion(),
        versions,
        site.stale());
  }
}
