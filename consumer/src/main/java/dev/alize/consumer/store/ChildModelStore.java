package dev.alize.consumer.store;

import dev.alize.common.conflict.ChildModel;
import dev.alize.common.conflict.ChildOverride;
import dev.alize.common.conflict.ModelRef;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Child models: admins' local models derived from upstream ones. An import never writes here. */
public final class ChildModelStore {

  private static final String COLUMNS =
      "id, name, parent_datasource, parent_release, parent_model, description,"
          + " reconciled_version, reconciled_services, created_at, updated_at, updated_by";

  public long create(Connection c, ChildModel child, String description, String by, Instant now)
      throws SQLException {
    long id =
        Sql.insert(
            c,
            "INSERT INTO child_model (name, parent_datasource, parent_release, parent_model,"
                + " description, reconciled_version, reconciled_services, created_at, updated_at,"
                + " updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            child.name(),
            child.parent().datasource(),
            child.parent().release(),
            child.parent().model(),
            description,
            child.reconciledVersion(),
            Json.write(child.reconciledServices()),
            now,
            now,
            by);
    writeParts(c, id, child);
    return id;
  }

  /** Replaces what the child overrides, adds and removes, and what it was reconciled with. */
  public void update(
      Connection c, long id, ChildModel child, String description, String by, Instant now)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE child_model SET description = ?, reconciled_version = ?, reconciled_services = ?,"
            + " updated_at = ?, updated_by = ? WHERE id = ?",
        description,
        child.reconciledVersion(),
        Json.write(child.reconciledServices()),
        now,
        by,
        id);
    Sql.update(c, "DELETE FROM child_override WHERE child_id = ?", id);
    Sql.update(c, "DELETE FROM child_service WHERE child_id = ?", id);
    writeParts(c, id, child);
  }

  /** Deletes a child model and its conflicts; false when there was none. */
  public boolean delete(Connection c, long id) throws SQLException {
    return Sql.update(c, "DELETE FROM child_model WHERE id = ?", id) == 1;
  }

  public Optional<StoredChild> find(Connection c, long id) throws SQLException {
    return first(list(c, "SELECT " + COLUMNS + " FROM child_model WHERE id = ?", id));
  }

  public Optional<StoredChild> findByName(Connection c, String name) throws SQLException {
    return first(list(c, "SELECT " + COLUMNS + " FROM child_model WHERE name = ?", name));
  }

  public List<StoredChild> list(Connection c) throws SQLException {
    return list(c, "SELECT " + COLUMNS + " FROM child_model ORDER BY name");
  }

  /** The child models derived from a model of {@code datasource}. */
  public List<StoredChild> ofDatasource(Connection c, String datasource) throws SQLException {
    return list(
        c,
        "SELECT " + COLUMNS + " FROM child_model WHERE parent_datasource = ? ORDER BY name",
        datasource);
  }

  private void writeParts(Connection c, long id, ChildModel child) throws SQLException {
    try (Batch overrides =
        new Batch(
            c,
            "INSERT INTO child_override (child_id, variable, value_text, reconciled_value)"
                + " VALUES (?, ?, ?, ?)")) {
      for (ChildOverride o : child.overrides()) {
        overrides.add(id, o.variable(), o.valueText(), o.reconciledJson());
      }
    }
    try (Batch services =
        new Batch(c, "INSERT INTO child_service (child_id, service, action) VALUES (?, ?, ?)")) {
      for (String s : child.addedServices()) {
        services.add(id, s, "add");
      }
      for (String s : child.removedServices()) {
        services.add(id, s, "remove");
      }
    }
  }

  private static Optional<StoredChild> first(List<StoredChild> children) {
    return children.isEmpty() ? Optional.empty() : Optional.of(children.get(0));
  }

  private List<StoredChild> list(Connection c, String sql, Object... values) throws SQLException {
    List<Row> rows = Sql.list(c, sql, ChildModelStore::row, values);
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<Long, List<ChildOverride>> overrides = new TreeMap<>();
    Map<Long, List<String>> added = new TreeMap<>();
    Map<Long, List<String>> removed = new TreeMap<>();
    // Children are few (admins write them by hand): their parts are read in one query each, for
    // the one child asked for, or for all.
    boolean one = rows.size() == 1;
    Object[] only = one ? new Object[] {rows.get(0).id} : new Object[0];
    String which = one ? " WHERE child_id = ?" : "";
    for (Object[] o :
        Sql.list(
            c,
            "SELECT child_id, variable, value_text, reconciled_value FROM child_override"
                + which
                + " ORDER BY child_id, variable",
            rs ->
                new Object[] {
                  rs.getLong(1),
                  new ChildOverride(rs.getString(2), rs.getString(3), rs.getString(4))
                },
            only)) {
      overrides.computeIfAbsent((Long) o[0], k -> new ArrayList<>()).add((ChildOverride) o[1]);
    }
    for (Object[] s :
        Sql.list(
            c,
            "SELECT child_id, service, action FROM child_service"
                + which
                + " ORDER BY child_id, service",
            rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)},
            only)) {
      (s[2].equals("add") ? added : removed)
          .computeIfAbsent((Long) s[0], k -> new ArrayList<>())
          .add((String) s[1]);
    }
    List<StoredChild> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(
          new StoredChild(
              r.id,
              new ChildModel(
                  r.name,
                  r.parent,
                  overrides.getOrDefault(r.id, List.of()),
                  added.getOrDefault(r.id, List.of()),
                  removed.getOrDefault(r.id, List.of()),
                  r.reconciledVersion,
                  r.reconciledServices),
              r.description,
              r.createdAt,
              r.updatedAt,
              r.updatedBy));
    }
    return out;
  }

  private record Row(
      long id,
      String name,
      ModelRef parent,
      String description,
      String reconciledVersion,
      List<String> reconciledServices,
      Instant createdAt,
      Instant updatedAt,
      String updatedBy) {}

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(
        rs.getLong("id"),
        rs.getString("name"),
        new ModelRef(
            rs.getString("parent_datasource"),
            rs.getString("parent_release"),
            rs.getString("parent_model")),
        rs.getString("description"),
        rs.getString("reconciled_version"),
        Json.strings(rs.getString("reconciled_services")),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"),
        rs.getString("updated_by"));
  }
}
