package dev.alize.consumer.console;

import dev.alize.common.conflict.ConflictKind;
import dev.alize.consumer.store.StoredConflict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a conflict's page shows: the conflict, its values side by side when it is about a variable
 * the child overrides (upstream's value before and now, and the child's), its other facts, and the
 * actions that can settle it.
 *
 * @param sides upstream before, upstream now, the child's override; empty when the conflict is
 *     about no override
 * @param facts the conflict's other details, by name
 * @param settleable whether it is open or acknowledged, so that an admin can act on it
 * @param aboutOverride whether removing the child's override (taking upstream's value) settles it
 * @param takesValue whether upstream still has the variable, so that another value can be set
 */
public record ConflictView(
    StoredConflict conflict,
    List<Side> sides,
    List<Fact> facts,
    boolean settleable,
    boolean aboutOverride,
    boolean takesValue) {

  /** The details that the sides show. */
  private static final Set<String> SIDE_KEYS = Set.of("old", "new", "override");

  /**
   * One of the values compared.
   *
   * @param value the value as upstream or the child writes it, or null when there is none to show
   * @param note what stands instead of a value, or null
   */
  public record Side(String id, String label, String value, String note) {}

  /** A detail of the conflict, by its stored name. */
  public record Fact(String name, String value) {}

  static ConflictView of(StoredConflict c) {
    ConflictKind kind = ConflictKind.find(c.kind()).orElse(null);
    Map<String, String> d = c.details();
    List<Side> sides = new ArrayList<>();
    if (kind == ConflictKind.DEFAULT_CHANGED) {
      sides.add(new Side("old-upstream", "Upstream before", d.get("old"), null));
      sides.add(new Side("new-upstream", "Upstream now", d.get("new"), null));
    } else if (kind == ConflictKind.VARIABLE_REMOVED) {
      sides.add(new Side("old-upstream", "Upstream before", null, "had the variable"));
      sides.add(new Side("new-upstream", "Upstream now", null, "no longer has the variable"));
    } else if (kind == ConflictKind.OVERRIDE_INVALID) {
      sides.add(new Side("old-upstream", "Upstream before", null, "accepted the override"));
      sides.add(
          new Side(
              "new-upstream",
              "Upstream now",
              null,
              "refuses the override: " + d.getOrDefault("reason", "")));
    }
    if (!sides.isEmpty()) {
      sides.add(new Side("override", "The child's override", d.get("override"), null));
    }
    List<Fact> facts = new ArrayList<>();
    new TreeMap<>(d)
        .forEach(
            (name, value) -> {
              if (sides.isEmpty() || !SIDE_KEYS.contains(name)) {
                facts.add(new Fact(name, value));
              }
            });
    boolean aboutOverride = kind != null && kind.isAboutOverride();
    return new ConflictView(
        c,
        sides,
        facts,
        !c.status().equals("resolved"),
        aboutOverride,
        aboutOverride && kind != ConflictKind.VARIABLE_REMOVED);
  }
}
