package dev.alize.common.datasource;

import java.util.List;

/**
 * A variable as a service defines it. Constraints that do not apply to the type are null (or an
 * empty list for choices).
 *
 * @param itemType the element type of a list, null otherwise
 * @param defaultValue null when the variable has no default
 * @param pattern a Java regular expression the whole value must match, or null
 */
public record VariableDefinition(
    String name,
    VariableType type,
    VariableType itemType,
    String description,
    Value defaultValue,
    Long min,
    Long max,
    List<String> choices,
    String pattern) {

  public VariableDefinition {
    choices = List.copyOf(choices);
  }

  /** The type each value (or each element of a list) must have. */
  public VariableType scalarType() {
    return type == VariableType.LIST ? itemType : type;
  }

  /** How admins read the type: {@code port}, {@code list of ip}. */
  public String typeName() {
    return type == VariableType.LIST ? "list of " + itemType.yamlName() : type.yamlName();
  }

  /** The same definition without its description and default, to compare constraints. */
  public VariableDefinition constraintsOnly() {
    return new VariableDefinition(name, type, itemType, null, null, min, max, choices, pattern);
  }
}
