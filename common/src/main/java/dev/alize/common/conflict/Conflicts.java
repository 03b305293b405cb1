package dev.alize.common.conflict;

import dev.alize.common.datasource.Release;
import java.util.Map;

/**
 * Builds each kind of conflict with its subject, message and details, so that the wording lives in
 * one place and the detector only decides which conflicts exist.
 */
final class Conflicts {

  /** How a missing value is shown in details. */
  static final String NONE = "(none)";

  private Conflicts() {}

  static Conflict parentWithdrawn(ChildModel child) {
    String parent = child.parent().toString();
    return new Conflict(
        child.name(),
        ConflictKind.PARENT_WITHDRAWN,
        parent,
        "Child model '"
            + child.name()
            + "' derives from "
            + parent
            + ", which upstream no longer publishes: choose another parent for it or delete it.",
        Map.of("parent", parent));
  }

  static Conflict variableRemoved(ChildModel child, ChildOverride override) {
    return new Conflict(
        child.name(),
        ConflictKind.VARIABLE_REMOVED,
        override.variable(),
        "Child model '"
            + child.name()
            + "' overrides variable '"
            + override.variable()
            + "', which its parent "
            + child.parent()
            + " no longer has: remove the override.",
        Map.of("override", override.valueText()));
  }

  static Conflict overrideInvalid(
      ChildModel child, ChildOverride override, String typeName, String reason) {
    return new Conflict(
        child.name(),
        ConflictKind.OVERRIDE_INVALID,
        override.variable(),
        "Child model '"
            + child.name()
            + "' sets variable '"
            + override.variable()
            + "' to a value upstream no longer accepts ("
            + reason
            + "): set a valid value or remove the override.",
        Map.of("override", override.valueText(), "type", typeName, "reason", reason));
  }

  static Conflict addedServiceRemoved(ChildModel child, String service) {
    return new Conflict(
        child.name(),
        ConflictKind.SERVICE_REMOVED,
        service,
        "Child model '"
            + child.name()
            + "' adds service '"
            + service
            + "', which release "
            + child.parent().release()
            + " no longer offers: remove it from the child.",
        Map.of("how", "added by the child"));
  }

  static Conflict inheritedServiceRemoved(ChildModel child, String service) {
    return new Conflict(
        child.name(),
        ConflictKind.SERVICE_REMOVED,
        service,
        "Child model '"
            + child.name()
            + "' no longer inherits service '"
            + service
            + "', which its parent "
            + child.parent()
            + " dropped: check the child still does its job, then reconcile it.",
        Map.of("how", "inherited from the parent"));
  }

  /**
   * @param old the upstream value when the admin last reviewed, null for none (display form)
   * @param current the upstream value now, null for none (display form)
   */
  static Conflict defaultChanged(
      ChildModel child, String variable, String old, String current, String override) {
    return new Conflict(
        child.name(),
        ConflictKind.DEFAULT_CHANGED,
        variable,
        "Upstream changed variable '"
            + variable
            + "' from "
            + shown(old)
            + " to "
            + shown(current)
            + " under the override "
            + override
            + " of child model '"
            + child.name()
            + "': check the override is still right, then reconcile the child.",
        Map.of("old", shown(old), "new", shown(current), "override", override));
  }

  static Conflict endOfSupport(ChildModel child, Release release) {
    String date = release.endOfSupport() == null ? NONE : release.endOfSupport().toString();
    String when =
        release.endOfSupport() == null
            ? "which upstream marks as no longer supported"
            : "whose support ends on " + date;
    return new Conflict(
        child.name(),
        ConflictKind.END_OF_SUPPORT,
        release.name(),
        "Child model '"
            + child.name()
            + "' is based on release "
            + release.name()
            + ", "
            + when
            + ": plan its move to a supported release.",
        Map.of("status", release.status().yamlName(), "end-of-support", date));
  }

  private static String shown(String display) {
    return display == null ? NONE : display;
  }
}
