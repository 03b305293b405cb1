package dev.alize.common.conflict;

import java.util.Objects;

/**
 * A variable a child model sets in place of its parent's value.
 *
 * @param valueText the value as the admin wrote it, in YAML flow style; kept as written so that it
 *     can be checked again when upstream changes the variable's definition
 * @param reconciledJson the upstream value this override replaced when the admin last reviewed the
 *     child, as canonical JSON ({@link dev.alize.common.datasource.OverrideValues#json}); null when
 *     upstream had no value
 */
public record ChildOverride(String variable, String valueText, String reconciledJson) {
  public ChildOverride {
    Objects.requireNonNull(variable, "variable");
    Objects.requireNonNull(valueText, "valueText");
  }
}
