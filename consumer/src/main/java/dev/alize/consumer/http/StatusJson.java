package dev.alize.consumer.http;

import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.store.InstalledDatasource;
import dev.alize.consumer.sync.RepositoryStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What {@code GET /api/v1/status} answers: each repository's sync status, and what each of its
 * datasources has in the database.
 */
record StatusJson(List<RepositoryJson> repositories) {

  /**
   * One repository.
   *
   * @param configured false for a repository the configuration no longer lists, whose datasources
   *     are still in the database
   * @param status its sync status, null when not configured
   */
  record RepositoryJson(
      String name, boolean configured, RepositoryStatus status, List<DatasourceJson> datasources) {}

  /**
   * One imported datasource.
   *
   * @param version the imported version, null before the first import
   * @param models its active upstream models
   * @param pinnedBelow after a rollback, the version rolled back from; null when not pinned
   */
  record DatasourceJson(
      String name,
      String version,
      Instant importedAt,
      String previousVersion,
      int models,
      String pinnedBelow) {

    static DatasourceJson of(InstalledDatasource d, Map<String, Integer> counts) {
      return new DatasourceJson(
          d.name(),
          d.version(),
          d.importedAt(),
          d.previousVersion(),
          counts.getOrDefault(d.name(), 0),
          d.pinnedBelow());
    }
  }

  /** Configured repositories first, in configuration order, then the others the database names. */
  static StatusJson of(
      List<Subscription> subscriptions,
      Function<String, RepositoryStatus> statuses,
      List<InstalledDatasource> datasources,
      Map<String, Integer> counts) {
    Map<String, List<DatasourceJson>> byRepository = new LinkedHashMap<>();
    subscriptions.forEach(s -> byRepository.put(s.name(), new ArrayList<>()));
    for (InstalledDatasource d : datasources) {
      byRepository
          .computeIfAbsent(d.repository(), r -> new ArrayList<>())
          .add(DatasourceJson.of(d, counts));
    }
    List<RepositoryJson> out = new ArrayList<>();
    List<String> configured = subscriptions.stream().map(Subscription::name).toList();
    byRepository.forEach(
        (name, list) -> {
          boolean isConfigured = configured.contains(name);
          out.add(
              new RepositoryJson(
                  name, isConfigured, isConfigured ? statuses.apply(name) : null, list));
        });
    return new StatusJson(out);
  }
}
