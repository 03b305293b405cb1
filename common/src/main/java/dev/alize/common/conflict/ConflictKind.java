package dev.alize.common.conflict;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an upstream change did to a child model. Each kind has one severity, so that the same cause
 * is always ranked the same way; conflicts are listed in this order.
 */
public enum ConflictKind {
  PARENT_WITHDRAWN("parent-withdrawn", Severity.BLOCKING),
  VARIABLE_REMOVED("variable-removed", Severity.BLOCKING),
  OVERRIDE_INVALID("override-invalid", Severity.BLOCKING),
  SERVICE_REMOVED("service-removed", Severity.BLOCKING),
  DEFAULT_CHANGED("default-changed", Severity.WARNING),
  END_OF_SUPPORT("end-of-support", Severity.INFORMATION);

  private final String wireName;
  private final Severity severity;

  ConflictKind(String wireName, Severity severity) {
    this.wireName = wireName;
    this.severity = severity;
  }

  /** The name stored and shown, as {@code parent-withdrawn}. */
  public String wireName() {
    return wireName;
  }

  public Severity severity() {
    return severity;
  }

  /**
   * Whether the subject is a variable the child overrides, so that removing or changing the
   * override settles the conflict.
   */
  public boolean isAboutOverride() {
    return this == VARIABLE_REMOVED || this == OVERRIDE_INVALID || this == DEFAULT_CHANGED;
  }

  public static Optional<ConflictKind> find(String wireName) {
    return Arrays.stream(values()).filter(k -> k.wireName.equals(wireName)).findFirst();
  }
}
