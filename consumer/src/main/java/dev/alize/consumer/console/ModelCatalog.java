package dev.alize.consumer.console;

import dev.alize.consumer.store.ModelSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The upstream models this site imported, browsed by datasource and release: each datasource with
 * its releases, then the models of the ones chosen.
 *
 * @param datasource the datasource chosen, or null for all
 * @param release the release chosen, or null for all
 * @param releaseOptions the releases the filter offers: those of the datasource chosen, else all
 */
public record ModelCatalog(
    List<DatasourceReleases> datasources,
    String datasource,
    String release,
    List<String> releaseOptions,
    List<ModelSummary> models) {

  /** A datasource and its releases, each with how many models it has. */
  public record DatasourceReleases(String name, List<ReleaseCount> releases) {}

  public record ReleaseCount(String release, int models) {}

  static ModelCatalog of(List<ModelSummary> all, String datasource, String release) {
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    for (ModelSummary m : all) {
      counts
          .computeIfAbsent(m.datasource(), d -> new TreeMap<>())
          .merge(m.release(), 1, Integer::sum);
    }
    List<DatasourceReleases> datasources = new ArrayList<>();
    counts.forEach(
        (name, releases) -> {
          List<ReleaseCount> rows = new ArrayList<>();
          releases.forEach((r, n) -> rows.add(new ReleaseCount(r, n)));
          datasources.add(new DatasourceReleases(name, rows));
        });
    TreeSet<String> options = new TreeSet<>();
    all.stream()
        .filter(m -> datasource == null || m.datasource().equals(datasource))
        .forEach(m -> options.add(m.release()));
    List<ModelSummary> models =
        all.stream()
            .filter(m -> datasource == null || m.datasource().equals(datasource))
            .filter(m -> release == null || m.release().equals(release))
            .toList();
    return new ModelCatalog(datasources, datasource, release, new ArrayList<>(options), models);
  }
}
