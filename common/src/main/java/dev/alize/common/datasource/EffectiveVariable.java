package dev.alize.common.datasource;

import java.util.Optional;

/**
 * One variable of an effective model.
 *
 * @param service the service that defines it
 * @param value the effective value, or null when neither a default nor a model sets one
 * @param source the file that set the value (a service file for a default, a model file for an
 *     override), or null when there is no value
 */
public record EffectiveVariable(
    String name, String service, VariableDefinition definition, Value value, String source) {

  public Optional<Value> findValue() {
    return Optional.ofNullable(value);
  }
}
