package dev.alize.common.datasource;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A valid datasource: every reference resolved and every value checked. Maps are sorted by name so
 * that everything derived from a datasource is deterministic.
 *
 * @param services per release, the services offered in it
 * @param models per release, the effective server models
 */
public record Datasource(
    DatasourceInfo info,
    Map<String, Release> releases,
    Map<String, Map<String, Service>> services,
    Map<String, Map<String, EffectiveModel>> models) {

  public Datasource {
    releases = Collections.unmodifiableMap(new TreeMap<>(releases));
    services = sortedNested(services);
    models = sortedNested(models);
  }

  public String name() {
    return info.name();
  }

  public Optional<EffectiveModel> findModel(String release, String model) {
    return Optional.ofNullable(models.getOrDefault(release, Map.of()).get(model));
  }

  public int modelCount() {
    return models.values().stream().mapToInt(Map::size).sum();
  }

  /** Distinct service names over all releases. */
  public int serviceCount() {
    return (int) services.values().stream().flatMap(m -> m.keySet().stream()).distinct().count();
  }

  private static <V> Map<String, Map<String, V>> sortedNested(Map<String, Map<String, V>> in) {
    TreeMap<String, Map<String, V>> out = new TreeMap<>();
    in.forEach((k, v) -> out.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
    return Collections.unmodifiableMap(out);
  }
}
