package dev.alize.consumer.store;

import dev.alize.common.datasource.ArchiveLoader;
import dev.alize.common.datasource.Datasource;
import dev.alize.common.datasource.EffectiveModel;
import dev.alize.common.datasource.EffectiveVariable;
import dev.alize.common.datasource.OverrideValues;
import dev.alize.common.datasource.Release;
import dev.alize.common.datasource.ReleaseStatus;
import dev.alize.common.datasource.ServerModel;
import dev.alize.common.datasource.Service;
import dev.alize.common.datasource.Value;
import dev.alize.common.datasource.VariableDefinition;
import dev.alize.common.datasource.VariableType;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The upstream rows of each datasource: distribution releases, services with their variables, and
 * server models with their effective variables and provenance. Every method works in the caller's
 * transaction.
 */
public final class UpstreamStore {

  /** The stored models of a datasource, by key, to compare with a release being imported. */
  public Map<ModelKey, StoredModel> storedModels(Connection c, String datasource)
      throws SQLException {
    Map<ModelKey, StoredModel> out = new TreeMap<>();
    for (StoredModel m :
        Sql.list(
            c,
            "SELECT release_name, name, content_hash, status, source_digest FROM server_model"
                + " WHERE datasource = ?",
            rs ->
                new StoredModel(
                    new ModelKey(rs.getString(1), rs.getString(2)),
                    rs.getString(3),
                    rs.getString(4).equals("withdrawn"),
                    rs.getString(5)),
            datasource)) {
      out.put(m.key(), m);
    }
    return out;
  }

  /** Replaces the datasource's releases and services (with their variables) by {@code d}'s. */
  public void replaceReleasesAndServices(Connection c, Datasource d) throws SQLException {
    // Services and their variables go with their release (ON DELETE CASCADE).
    Sql.update(c, "DELETE FROM distribution_release WHERE datasource = ?", d.name());
    try (Batch releases =
        new Batch(
            c,
            "INSERT INTO distribution_release (datasource, name, codename, status, end_of_support,"
                + " description) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (Release r : d.releases().values()) {
        releases.add(
            d.name(),
            r.name(),
            r.codename(),
            r.status().yamlName(),
            r.endOfSupport(),
            r.description());
      }
    }
    // Every service row is written before the first variable row that references it: a batch
    // flushes when full or closed, so two batches open at once could send children first.
    try (Batch services =
        new Batch(
            c,
            "INSERT INTO service (datasource, release_name, name, description, packages,"
                + " source_file) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (Map.Entry<String, Map<String, Service>> release : d.services().entrySet()) {
        for (Service s : release.getValue().values()) {
          services.add(
              d.name(),
              release.getKey(),
              s.name(),
              s.description(),
              Json.write(s.packages()),
              s.file());
        }
      }
    }
    try (Batch variables =
        new Batch(
            c,
            "INSERT INTO service_variable (datasource, release_name, service, name, position,"
                + " type, item_type, description, default_json, min_value, max_value, choices,"
                + " pattern) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Map.Entry<String, Map<String, Service>> release : d.services().entrySet()) {
        for (Service s : release.getValue().values()) {
          int position = 0;
          for (VariableDefinition v : s.variables().values()) {
            variables.add(
                d.name(),
                release.getKey(),
                s.name(),
                v.name(),
                position++,
                v.type().yamlName(),
                v.itemType() == null ? null : v.itemType().yamlName(),
                v.description(),
                valueJson(v.defaultValue()),
                v.min(),
                v.max(),
                Json.write(v.choices()),
                v.pattern());
          }
        }
      }
    }
  }

  /** Inserts models (new, or changed after {@link #delete}), with their effective variables. */
  public void insert(
      Connection c, String datasource, Collection<ArchiveLoader.Loaded> loaded, String version)
      throws SQLException {
    List<EffectiveModel> models = loaded.stream().map(ArchiveLoader.Loaded::model).toList();
    Iterator<ArchiveLoader.Loaded> digests = loaded.iterator();
    // Every model row is written before the first variable row that references it (see above).
    try (RowWriter rows =
        RowWriter.into(
            c,
            "server_model",
            List.of(
                "datasource",
                "release_name",
                "name",
                "title",
                "description",
                "parent",
                "chain",
                "services",
                "content_hash",
                "source_file",
                "status",
                "imported_version",
                "source_digest"))) {
      for (EffectiveModel m : models) {
        ServerModel own = m.model();
        rows.add(
            datasource,
            m.release(),
            m.name(),
            own.title(),
            own.description(),
            own.parent(),
            Json.write(m.chain()),
            Json.write(m.services()),
            m.contentHash(),
            own.file(),
            "active",
            version,
            digests.next().sourceDigest());
      }
    }
    try (RowWriter variables =
        RowWriter.into(
            c,
            "model_variable",
            List.of(
                "datasource",
                "release_name",
                "model",
                "name",
                "position",
                "service",
                "value_json",
                "source"))) {
      for (EffectiveModel m : models) {
        int position = 0;
        for (EffectiveVariable v : m.variables().values()) {
          variables.add(
              datasource,
              m.release(),
              m.name(),
              v.name(),
              position++,
              v.service(),
              valueJson(v.value()),
              v.source());
        }
      }
    }
  }

  /** Records the source digest of models stored unchanged, loaded from other bytes. */
  public void updateSourceDigests(
      Connection c, String datasource, Collection<ArchiveLoader.Loaded> models)
      throws SQLException {
    try (Batch batch =
        new Batch(
            c,
            "UPDATE server_model SET source_digest = ?"
                + " WHERE datasource = ? AND release_name = ? AND name = ?")) {
      for (ArchiveLoader.Loaded m : models) {
        batch.add(m.sourceDigest(), datasource, m.model().release(), m.model().name());
      }
    }
  }

  /** Deletes models with their variables. */
  public void delete(Connection c, String datasource, Collection<ModelKey> models)
      throws SQLException {
    try (Batch batch =
        new Batch(
            c, "DELETE FROM server_model WHERE datasource = ? AND release_name = ? AND name = ?")) {
      for (ModelKey k : models) {
        batch.add(datasource, k.release(), k.model());
      }
    }
  }

  /** Marks models removed upstream that child models still derive from. */
  public void withdraw(Connection c, String datasource, Collection<ModelKey> models, String version)
      throws SQLException {
    try (Batch batch =
        new Batch(
            c,
            "UPDATE server_model SET status = 'withdrawn', withdrawn_version = ?"
                + " WHERE datasource = ? AND release_name = ? AND name = ?")) {
      for (ModelKey k : models) {
        batch.add(version, datasource, k.release(), k.model());
      }
    }
  }

  /** A model as stored, with its effective variables and their definitions. */
  public Optional<EffectiveModel> findModel(
      Connection c, String datasource, String release, String model) throws SQLException {
    Optional<ModelRow> row =
        Sql.one(
            c,
            "SELECT title, description, parent, chain, services, content_hash, source_file, status"
                + " FROM server_model WHERE datasource = ? AND release_name = ? AND name = ?",
            rs ->
                new ModelRow(
                    new ServerModel(
                        model,
                        release,
                        rs.getString("title"),
                        rs.getString("description"),
                        rs.getString("parent"),
                        Json.strings(rs.getString("services")),
                        Map.of(),
                        rs.getString("source_file")),
                    Json.strings(rs.getString("chain")),
                    rs.getString("content_hash"),
                    rs.getString("status")),
            datasource,
            release,
            model);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    Map<String, EffectiveVariable> variables = new LinkedHashMap<>();
    for (EffectiveVariable v :
        Sql.list(
            c,
            "SELECT mv.name, mv.service, mv.value_json, mv.source, sv.type, sv.item_type,"
                + " sv.description, sv.default_json, sv.min_value, sv.max_value, sv.choices,"
                + " sv.pattern FROM model_variable mv LEFT JOIN service_variable sv"
                + " ON sv.datasource = mv.datasource AND sv.release_name = mv.release_name"
                + " AND sv.service = mv.service AND sv.name = mv.name"
                + " WHERE mv.datasource = ? AND mv.release_name = ? AND mv.model = ?"
                + " ORDER BY mv.position",
            UpstreamStore::variable,
            datasource,
            release,
            model)) {
      variables.put(v.name(), v);
    }
    ModelRow r = row.get();
    return Optional.of(
        new EffectiveModel(r.model(), r.chain(), r.model().services(), variables, r.hash()));
  }

  /** Whether the model is stored as withdrawn. */
  public boolean isWithdrawn(Connection c, String datasource, String release, String model)
      throws SQLException {
    return Sql.one(
            c,
            "SELECT status FROM server_model WHERE datasource = ? AND release_name = ? AND name = ?",
            rs -> rs.getString(1),
            datasource,
            release,
            model)
        .map("withdrawn"::equals)
        .orElse(false);
  }

  /** The services a release offers now, with their variables in file order. */
  public Map<String, Service> services(Connection c, String datasource, String release)
      throws SQLException {
    Map<String, Map<String, VariableDefinition>> variables = new TreeMap<>();
    for (Object[] row :
        Sql.list(
            c,
            "SELECT service, name, type, item_type, description, default_json, min_value,"
                + " max_value, choices, pattern FROM service_variable"
                + " WHERE datasource = ? AND release_name = ? ORDER BY service, position",
            rs -> new Object[] {rs.getString("service"), definition(rs, "name")},
            datasource,
            release)) {
      variables
          .computeIfAbsent((String) row[0], s -> new LinkedHashMap<>())
          .put(((VariableDefinition) row[1]).name(), (VariableDefinition) row[1]);
    }
    Map<String, Service> out = new TreeMap<>();
    for (Service s :
        Sql.list(
            c,
            "SELECT name, description, packages, source_file FROM service"
                + " WHERE datasource = ? AND release_name = ?",
            rs ->
                new Service(
                    rs.getString("name"),
                    rs.getString("description"),
                    Json.strings(rs.getString("packages")),
                    variables.getOrDefault(rs.getString("name"), Map.of()),
                    rs.getString("source_file")),
            datasource,
            release)) {
      out.put(s.name(), s);
    }
    return out;
  }

  public Optional<Release> findRelease(Connection c, String datasource, String release)
      throws SQLException {
    return Sql.one(
        c,
        "SELECT codename, status, end_of_support, description FROM distribution_release"
            + " WHERE datasource = ? AND name = ?",
        rs -> {
          Date eos = rs.getDate("end_of_support");
          return new Release(
              release,
              rs.getString("codename"),
              ReleaseStatus.fromYaml(rs.getString("status")).orElseThrow(),
              eos == null ? null : eos.toLocalDate(),
              rs.getString("description"),
              null);
        },
        datasource,
        release);
  }

  /** Every stored model, of one datasource or of all when {@code datasource} is null. */
  public List<ModelSummary> list(Connection c, String datasource) throws SQLException {
    String sql =
        "SELECT m.datasource, m.release_name, m.name, m.title, m.parent, m.services,"
            + " m.content_hash, m.status, m.imported_version,"
            + " (SELECT COUNT(*) FROM model_variable v WHERE v.datasource = m.datasource"
            + " AND v.release_name = m.release_name AND v.model = m.name) AS variables"
            + " FROM server_model m"
            + (datasource == null ? "" : " WHERE m.datasource = ?")
            + " ORDER BY m.datasource, m.release_name, m.name";
    Sql.Row<ModelSummary> row =
        rs ->
            new ModelSummary(
                rs.getString("datasource"),
                rs.getString("release_name"),
                rs.getString("name"),
                rs.getString("title"),
                rs.getString("parent"),
                Json.strings(rs.getString("services")),
                rs.getInt("variables"),
                rs.getString("content_hash"),
                rs.getString("status"),
                rs.getString("imported_version"));
    return datasource == null ? Sql.list(c, sql, row) : Sql.list(c, sql, row, datasource);
  }

  /** Model counts by datasource. */
  public Map<String, Integer> counts(Connection c) throws SQLException {
    Map<String, Integer> out = new TreeMap<>();
    Sql.list(
            c,
            "SELECT datasource, COUNT(*) FROM server_model WHERE status = 'active'"
                + " GROUP BY datasource",
            rs -> new Object[] {rs.getString(1), rs.getInt(2)})
        .forEach(r -> out.put((String) r[0], (Integer) r[1]));
    return out;
  }

  private record ModelRow(ServerModel model, List<String> chain, String hash, String status) {}

  private static EffectiveVariable variable(ResultSet rs) throws SQLException {
    String name = rs.getString("name");
    String valueJson = rs.getString("value_json");
    if (rs.getString("type") == null) {
      // The service's release is gone (a withdrawn model): the value is kept as its JSON text.
      return new EffectiveVariable(
          name,
          rs.getString("service"),
          new VariableDefinition(
              name, VariableType.STRING, null, null, null, null, null, List.of(), null),
          valueJson == null ? null : new Value.Text(valueJson),
          rs.getString("source"));
    }
    VariableDefinition definition = definition(rs, "name");
    Value value = valueJson == null ? null : Json.value(valueJson, definition);
    return new EffectiveVariable(
        name, rs.getString("service"), definition, value, rs.getString("source"));
  }

  private static VariableDefinition definition(ResultSet rs, String nameColumn)
      throws SQLException {
    VariableType type = VariableType.fromYaml(rs.getString("type")).orElseThrow();
    String item = rs.getString("item_type");
    VariableType itemType = item == null ? null : VariableType.fromYaml(item).orElseThrow();
    VariableDefinition bare =
        new VariableDefinition(
            rs.getString(nameColumn),
            type,
            itemType,
            rs.getString("description"),
            null,
            Sql.longOrNull(rs, "min_value"),
            Sql.longOrNull(rs, "max_value"),
            Json.strings(rs.getString("choices")),
            rs.getString("pattern"));
    String defaultJson = rs.getString("default_json");
    return defaultJson == null
        ? bare
        : new VariableDefinition(
            bare.name(),
            type,
            itemType,
            bare.description(),
            Json.value(defaultJson, bare),
            bare.min(),
            bare.max(),
            bare.choices(),
            bare.pattern());
  }

  /** Values are stored in the canonical JSON form that conflict detection compares. */
  static String valueJson(Value value) {
    return OverrideValues.json(value);
  }
}
