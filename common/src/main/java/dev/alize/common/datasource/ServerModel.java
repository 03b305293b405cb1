package dev.alize.common.datasource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server model as written in its file: its own services and values only. See {@link
 * EffectiveModel} for what it amounts to.
 *
 * @param parent the model it extends, or null
 */
public record ServerModel(
    String name,
    String release,
    String title,
    String description,
    String parent,
    List<String> services,
    Map<String, Value> values,
    String file) {

  public ServerModel {
    services = List.copyOf(services);
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public Optional<String> findParent() {
    return Optional.ofNullable(parent);
  }
}
