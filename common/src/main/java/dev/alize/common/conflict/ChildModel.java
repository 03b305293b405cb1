package dev.alize.common.conflict;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A server model an admin derives locally from an upstream model. Imports never change it; what it
 * recorded when the admin last reviewed it is what conflicts are measured against.
 *
 * @param overrides sorted by variable, at most one per variable
 * @param addedServices services of the parent's release the child adds, sorted
 * @param removedServices services of the parent the child drops, sorted
 * @param reconciledVersion the upstream datasource version the admin last reviewed, null for a
 *     draft never reviewed
 * @param reconciledServices the parent's services at that time, in the parent's order
 */
public record ChildModel(
    String name,
    ModelRef parent,
    List<ChildOverride> overrides,
    List<String> addedServices,
    List<String> removedServices,
    String reconciledVersion,
    List<String> reconciledServices) {

  public ChildModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(parent, "parent");
    overrides =
        List.copyOf(
            overrides.stream().sorted(Comparator.comparing(ChildOverride::variable)).toList());
    Set<String> variables = new HashSet<>();
    for (ChildOverride override : overrides) {
      if (!variables.add(override.variable())) {
        throw new IllegalArgumentException(
            "variable '" + override.variable() + "' is overridden more than once");
      }
    }
    addedServices = List.copyOf(addedServices.stream().sorted().toList());
    removedServices = List.copyOf(removedServices.stream().sorted().toList());
    reconciledServices = List.copyOf(reconciledServices);
  }

  public Optional<ChildOverride> findOverride(String variable) {
    return overrides.stream().filter(o -> o.variable().equals(variable)).findFirst();
  }
}
