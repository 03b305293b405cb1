package dev.alize.consumer.admin;

import dev.alize.common.conflict.ChildModel;
import dev.alize.common.conflict.ChildOverride;
import dev.alize.consumer.store.StoredChild;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A child model as admins read it, the same from the API and from {@code child list --json}: the
 * fields a request writes ({@code name, parent, set, addServices, removeServices, description}), so
 * that what is read can be sent back changed, then what was recorded.
 *
 * @param reconciledVersion the upstream version the child was last reviewed against
 * @param reconciledValues for each variable in {@code set}, the upstream value it replaced at that
 *     review, as JSON text; null when upstream had none
 */
public record ChildJson(
    long id,
    String name,
    String parent,
    Map<String, String> set,
    List<String> addServices,
    List<String> removeServices,
    String description,
    String reconciledVersion,
    List<String> reconciledServices,
    Map<String, String> reconciledValues,
    Instant createdAt,
    Instant updatedAt,
    String updatedBy) {

  public static ChildJson of(StoredChild stored) {
    ChildModel child = stored.child();
    Map<String, String> set = new TreeMap<>();
    Map<String, String> reconciled = new TreeMap<>();
    for (ChildOverride o : child.overrides()) {
      set.put(o.variable(), o.valueText());
      reconciled.put(o.variable(), o.reconciledJson());
    }
    return new ChildJson(
        stored.id(),
        child.name(),
        child.parent().toString(),
        set,
        child.addedServices(),
        child.removedServices(),
        stored.description(),
        child.reconciledVersion(),
        child.reconciledServices(),
        reconciled,
        stored.createdAt(),
        stored.updatedAt(),
        stored.updatedBy());
  }
}
