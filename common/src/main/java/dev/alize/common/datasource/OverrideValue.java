package dev.alize.common.datasource;

import java.util.Objects;

/**
 * What an admin's override text amounts to for one variable: a checked value, or the reason it is
 * refused. A result rather than an exception, because a bad value is an expected answer to show.
 */
public sealed interface OverrideValue permits OverrideValue.Valid, OverrideValue.Invalid {

  /** The text is a valid value of the variable. */
  record Valid(Value value) implements OverrideValue {
    public Valid {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * The text is not a valid value of the variable.
   *
   * @param reason what is wrong, in words an admin can act on, without file or line
   */
  record Invalid(String reason) implements OverrideValue {
    public Invalid {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
