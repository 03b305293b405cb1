package dev.alize.consumer.store;

import dev.alize.common.conflict.ChildModel;
import dev.alize.common.conflict.ChildOverride;
import dev.alize.common.conflict.ModelRef;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Child models: admins' local models derived from upstream ones, read and written whole, in the
 * caller's transaction. An import never writes here.
 */
@Singleton
public final class ChildModelStore {

  private final ChildModelRepository rows;

  ChildModelStore(ChildModelRepository rows) {
    this.rows = rows;
  }

  public long create(ChildModel child, String description, String by, Instant now) {
    rows.insert(
        child.name(),
        child.parent().datasource(),
        child.parent().release(),
        child.parent().model(),
        description,
        child.reconciledVersion(),
        Json.write(child.reconciledServices()),
        UtcTimestamp.of(now),
        by);
    long id = rows.findByName(child.name()).orElseThrow().id();
    writeParts(id, child);
    return id;
  }

  /** Replaces what the child overrides, adds and removes, and what it was reconciled with. */
  public void update(long id, ChildModel child, String description, String by, Instant now) {
    rows.update(
        id,
        description,
        child.reconciledVersion(),
        Json.write(child.reconciledServices()),
        UtcTimestamp.of(now),
        by);
    rows.deleteOverrides(id);
    rows.deleteServices(id);
    writeParts(id, child);
  }

  /** Deletes a child model and its conflicts; false when there was none. */
  public boolean delete(long id) {
    return rows.delete(id) == 1;
  }

  public Optional<StoredChild> find(long id) {
    return rows.find(id).map(this::withItsParts);
  }

  public Optional<StoredChild> findByName(String name) {
    return rows.findByName(name).map(this::withItsParts);
  }

  public List<StoredChild> list() {
    return withParts(rows.list());
  }

  /** The child models derived from a model of {@code datasource}. */
  public List<StoredChild> ofDatasource(String datasource) {
    return withParts(rows.ofDatasource(datasource));
  }

  private void writeParts(long id, ChildModel child) {
    for (ChildOverride o : child.overrides()) {
      rows.insertOverride(id, o.variable(), o.valueText(), o.reconciledJson());
    }
    for (String s : child.addedServices()) {
      rows.insertService(id, s, "add");
    }
    for (String s : child.removedServices()) {
      rows.insertService(id, s, "remove");
    }
  }

  private StoredChild withItsParts(ChildModelRow row) {
    return stored(row, rows.overrides(row.id()), rows.services(row.id()));
  }

  /**
   * Children are few (admins write them by hand): the parts of all of them are read in one query
   * each.
   */
  private List<StoredChild> withParts(List<ChildModelRow> children) {
    if (children.isEmpty()) {
      return List.of();
    }
    if (children.size() == 1) {
      return List.of(withItsParts(children.get(0)));
    }
    Map<Long, List<ChildPartRow>> overrides = byChild(rows.overrides());
    Map<Long, List<ChildPartRow>> services = byChild(rows.services());
    List<StoredChild> out = new ArrayList<>();
    for (ChildModelRow row : children) {
      out.add(
          stored(
              row,
              overrides.getOrDefault(row.id(), List.of()),
              services.getOrDefault(row.id(), List.of())));
    }
    return out;
  }

  private static Map<Long, List<ChildPartRow>> byChild(List<ChildPartRow> parts) {
    Map<Long, List<ChildPartRow>> out = new TreeMap<>();
    for (ChildPartRow p : parts) {
      out.computeIfAbsent(p.childId(), k -> new ArrayList<>()).add(p);
    }
    return out;
  }

  private static StoredChild stored(
      ChildModelRow r, List<ChildPartRow> overrides, List<ChildPartRow> services) {
    List<ChildOverride> overridden = new ArrayList<>();
    for (ChildPartRow o : overrides) {
      overridden.add(new ChildOverride(o.name(), o.setting(), o.reconciled()));
    }
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (ChildPartRow s : services) {
      (s.setting().equals("add") ? added : removed).add(s.name());
    }
    return new StoredChild(
        r.id(),
        new ChildModel(
            r.name(),
            new ModelRef(r.parentDatasource(), r.parentRelease(), r.parentModel()),
            overridden,
            added,
            removed,
            r.reconciledVersion(),
            Json.strings(r.reconciledServices())),
        r.description(),
        r.createdAt(),
        r.updatedAt(),
        r.updatedBy());
  }
}
