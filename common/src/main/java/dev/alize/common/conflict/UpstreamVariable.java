package dev.alize.common.conflict;

import dev.alize.common.datasource.EffectiveModel;
import dev.alize.common.datasource.EffectiveVariable;
import dev.alize.common.datasource.OverrideValues;
import dev.alize.common.datasource.Service;
import dev.alize.common.datasource.Value;
import dev.alize.common.datasource.VariableDefinition;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The upstream variable a child's override replaces: inherited from the parent, or else defined by
 * a service the child adds. Validation, detection and reconciliation find it the same way.
 *
 * @param service the service that defines it
 * @param value the upstream value the override replaces, null when upstream has none
 */
record UpstreamVariable(String service, VariableDefinition definition, Value value) {

  static Optional<UpstreamVariable> find(
      String variable,
      EffectiveModel parent,
      Collection<String> addedServices,
      Map<String, Service> releaseServices) {
    EffectiveVariable inherited = parent.variables().get(variable);
    if (inherited != null) {
      return Optional.of(
          new UpstreamVariable(inherited.service(), inherited.definition(), inherited.value()));
    }
    for (String name : addedServices) {
      Service service = releaseServices.get(name);
      if (service != null && service.variables().containsKey(variable)) {
        VariableDefinition definition = service.variables().get(variable);
        return Optional.of(new UpstreamVariable(name, definition, definition.defaultValue()));
      }
    }
    return Optional.empty();
  }

  /** The value as stored in {@link ChildOverride#reconciledJson()}. */
  String json() {
    return OverrideValues.json(value);
  }
}
