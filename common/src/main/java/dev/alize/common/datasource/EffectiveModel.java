package dev.alize.common.datasource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A server model as consumers import it: all the services of its {@code extends} chain, and every
 * variable of those services with its effective value and where that value came from.
 *
 * @param chain the model's ancestors from the farthest down to the model itself
 * @param contentHash SHA-256 (hex) of the canonical JSON form, see {@link ContentHash}
 */
public record EffectiveModel(
    ServerModel model,
    List<String> chain,
    List<String> services,
    Map<String, EffectiveVariable> variables,
    String contentHash) {

  public EffectiveModel {
    chain = List.copyOf(chain);
    services = List.copyOf(services);
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
  }

  public String name() {
    return model.name();
  }

  public String release() {
    return model.release();
  }
}
