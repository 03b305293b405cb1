package dev.alize.publisher.fleet;

import dev.alize.common.fleet.HaltPolicy;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The halt policy of each datasource: its own, else the {@code default} one, else none. */
@Singleton
public final class HaltPolicies {

  private final Map<String, HaltPolicy> byName;

  public HaltPolicies(Collection<HaltPolicyProperties> configured) {
    this.byName =
        configured.stream()
            .collect(Collectors.toMap(HaltPolicyProperties::name, HaltPolicyProperties::policy));
  }

  public Optional<HaltPolicy> of(String datasource) {
    HaltPolicy own = byName.get(datasource);
    return Optional.ofNullable(own != null ? own : byName.get(HaltPolicyProperties.DEFAULT));
  }
}
