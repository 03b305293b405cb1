package dev.alize.consumer.admin;

import dev.alize.common.conflict.ChildFields;
import dev.alize.common.conflict.ChildOverride;
import dev.alize.consumer.store.StoredChild;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A partial change of a child model, as an admin writes it: what is not given stays as stored.
 *
 * @param set variables to override, or whose override changes: name to value in YAML flow style
 * @param unset overridden variables given back to their parent's value
 * @param addServices services the child gets: one it removed from its parent comes back, another
 *     one of the release is added
 * @param removeServices services the child loses: one it added is dropped, one of its parent is
 *     removed
 * @param description the new description; null keeps it, empty clears it
 */
public record ChildChange(
    Map<String, String> set,
    List<String> unset,
    List<String> addServices,
    List<String> removeServices,
    String description) {

  public ChildChange {
    set = new TreeMap<>(set == null ? Map.of() : set);
    unset = unset == null ? List.of() : List.copyOf(unset);
    addServices = addServices == null ? List.of() : List.copyOf(addServices);
    removeServices = removeServices == null ? List.of() : List.copyOf(removeServices);
  }

  /** Whether the change changes nothing: such a request is a mistake, refused where it is read. */
  public boolean isEmpty() {
    return set.isEmpty()
        && unset.isEmpty()
        && addServices.isEmpty()
        && removeServices.isEmpty()
        && description == null;
  }

  /**
   * The child model {@code stored} becomes: its overrides, services and description with this
   * change, to be checked against its parent as a new one is.
   *
   * @throws AdminException naming each field of the change that does not apply to the child
   */
  ChildDraft applyTo(StoredChild stored, ChildFields fields) {
    List<String> problems = problems(stored, fields);
    if (!problems.isEmpty()) {
      throw new AdminException(
          AdminException.Reason.INVALID,
          "the change of child model '" + stored.child().name() + "' does not apply",
          problems);
    }
    Map<String, String> overrides = new TreeMap<>();
    for (ChildOverride o : stored.child().overrides()) {
      overrides.put(o.variable(), o.valueText());
    }
    unset.forEach(overrides::remove);
    overrides.putAll(set);
    List<String> added = new ArrayList<>(stored.child().addedServices());
    List<String> removed = new ArrayList<>(stored.child().removedServices());
    for (String service : addServices) {
      if (!removed.remove(service)) {
        added.add(service);
      }
    }
    for (String service : removeServices) {
      if (!added.remove(service)) {
        removed.add(service);
      }
    }
    String text =
        description == null ? stored.description() : description.isEmpty() ? null : description;
    return new ChildDraft(
        stored.child().name(), stored.child().parent(), overrides, added, removed, text);
  }

  private List<String> problems(StoredChild stored, ChildFields fields) {
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String variable : unset) {
      String field = fields.unset(variable) + ": ";
      if (!seen.add(variable)) {
        problems.add(field + "given more than once");
      } else if (set.containsKey(variable)) {
        problems.add(field + "the same change sets it; keep one of the two");
      } else if (stored.child().findOverride(variable).isEmpty()) {
        problems.add(field + "the child does not set this variable");
      }
    }
    seen.clear();
    for (String service : addServices) {
      String field = fields.addService(service) + ": ";
      if (!seen.add(service)) {
        problems.add(field + "given more than once");
      } else if (removeServices.contains(service)) {
        problems.add(
            field
                + "it is also given to "
                + fields.removeServices()
                + "; keep one of the two options");
      } else if (stored.child().addedServices().contains(service)) {
        problems.add(field + "the child adds this service already");
      }
    }
    seen.clear();
    for (String service : removeServices) {
      String field = fields.removeService(service) + ": ";
      if (!seen.add(service)) {
        problems.add(field + "given more than once");
      } else if (stored.child().removedServices().contains(service)) {
        problems.add(field + "the child removes this service already");
      }
    }
    return problems;
  }
}
