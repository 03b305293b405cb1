package dev.alize.consumer.store;

import dev.alize.common.datasource.ArchiveLoader;
import dev.alize.common.datasource.Datasource;
import dev.alize.common.datasource.EffectiveModel;
import dev.alize.common.datasource.EffectiveVariable;
import dev.alize.common.datasource.OverrideValues;
import dev.alize.common.datasource.Release;
import dev.alize.common.datasource.ServerModel;
import dev.alize.common.datasource.Service;
import dev.alize.common.datasource.Value;
import dev.alize.common.datasource.VariableDefinition;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes the upstream rows of each datasource: distribution releases, services with their
 * variables, and server models with their effective variables and provenance. These are the bulk
 * writes of an import, in plain JDBC on the import's connection ({@code COPY} on PostgreSQL,
 * batches on H2); {@link UpstreamReader} reads them back. Every method works in the caller's
 * transaction.
 */
@Singleton
public final class UpstreamWriter {

  private static final String RELEASE_COLUMNS =
      "datasource, name, codename, status, end_of_support, description";
  private static final String SERVICE_COLUMNS =
      "datasource, release_name, name, description, packages, source_file";
  private static final String SERVICE_VARIABLE_COLUMNS =
      "datasource, release_name, service, name, position, type, item_type, description,"
          + " default_json, min_value, max_value, choices, pattern";

  /**
   * Replaces the datasource's releases and services (with their variables) by {@code d}'s, unless
   * the stored rows are already those: most releases change models alone, and rewriting every
   * service's variables (and each row's keys) was a tenth of a small import.
   */
  public void replaceReleasesAndServices(Connection c, Datasource d) throws SQLException {
    List<Object[]> releases = new ArrayList<>();
    for (Release r : d.releases().values()) {
      releases.add(
          new Object[] {
            d.name(),
            r.name(),
            r.codename(),
            r.status().yamlName(),
            r.endOfSupport(),
            r.description()
          });
    }
    List<Object[]> services = new ArrayList<>();
    List<Object[]> variables = new ArrayList<>();
    for (Map.Entry<String, Map<String, Service>> release : d.services().entrySet()) {
      for (Service s : release.getValue().values()) {
        services.add(
            new Object[] {
              d.name(),
              release.getKey(),
              s.name(),
              s.description(),
              Json.write(s.packages()),
              s.file()
            });
        int position = 0;
        for (VariableDefinition v : s.variables().values()) {
          variables.add(
              new Object[] {
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
                v.pattern()
              });
        }
      }
    }
    if (stored(c, "distribution_release", RELEASE_COLUMNS, d.name()).equals(texts(releases))
        && stored(c, "service", SERVICE_COLUMNS, d.name()).equals(texts(services))
        && stored(c, "service_variable", SERVICE_VARIABLE_COLUMNS, d.name())
            .equals(texts(variables))) {
      return;
    }
    // Services and their variables go with their release (ON DELETE CASCADE). Every parent row is
    // written before the first row that references it: a batch flushes when full or closed, so
    // two batches open at once could send children first.
    Sql.update(c, "DELETE FROM distribution_release WHERE datasource = ?", d.name());
    insertAll(c, "distribution_release", RELEASE_COLUMNS, releases);
    insertAll(c, "service", SERVICE_COLUMNS, services);
    insertAll(c, "service_variable", SERVICE_VARIABLE_COLUMNS, variables);
  }

  private static void insertAll(Connection c, String table, String columns, List<Object[]> rows)
      throws SQLException {
    int count = columns.split(",").length;
    try (Batch batch =
        new Batch(
            c,
            "INSERT INTO "
                + table
                + " ("
                + columns
                + ") VALUES ("
                + String.join(", ", Collections.nCopies(count, "?"))
                + ")")) {
      for (Object[] row : rows) {
        batch.add(row);
      }
    }
  }

  /**
   * The datasource's rows of {@code table}, each as the text of its columns: a row's key is among
   * them, so that two sets are equal when the tables would hold the same. Text, because the
   * databases' drivers give dates, numbers and long texts as different types.
   */
  private static Set<List<String>> stored(
      Connection c, String table, String columns, String datasource) throws SQLException {
    Set<List<String>> out = new HashSet<>();
    try (PreparedStatement s =
        c.prepareStatement("SELECT " + columns + " FROM " + table + " WHERE datasource = ?")) {
      s.setString(1, datasource);
      try (ResultSet r = s.executeQuery()) {
        int count = r.getMetaData().getColumnCount();
        while (r.next()) {
          List<String> row = new ArrayList<>(count);
          for (int i = 1; i <= count; i++) {
            row.add(r.getString(i));
          }
          out.add(row);
        }
      }
    }
    return out;
  }

  private static Set<List<String>> texts(List<Object[]> rows) {
    Set<List<String>> out = new HashSet<>();
    for (Object[] row : rows) {
      out.add(Arrays.stream(row).map(v -> v == null ? null : v.toString()).toList());
    }
    return out;
  }

  /** Inserts new models with their effective variables. */
  public void insert(
      Connection c, String datasource, Collection<ArchiveLoader.Loaded> loaded, String version)
      throws SQLException {
    if (loaded.isEmpty()) {
      return;
    }
    List<String> columns = new ArrayList<>(List.of("datasource", "release_name", "name"));
    columns.addAll(MODEL_COLUMNS);
    try (RowWriter rows = RowWriter.into(c, "server_model", columns)) {
      for (ArchiveLoader.Loaded l : loaded) {
        EffectiveModel m = l.model();
        rows.add(concat(new Object[] {datasource, m.release(), m.name()}, modelValues(l, version)));
      }
    }
    Map<Value, String> json = new IdentityHashMap<>();
    try (RowWriter variables = RowWriter.into(c, "model_variable", VARIABLE_COLUMNS)) {
      for (ArchiveLoader.Loaded l : loaded) {
        EffectiveModel m = l.model();
        int position = 0;
        for (EffectiveVariable v : m.variables().values()) {
          variables.add(
              concat(
                  new Object[] {datasource, m.release(), m.name(), v.name()},
                  VariableRow.of(position++, v, json).values()));
        }
      }
    }
  }

  /**
   * Rewrites changed models in place: each model's row, and of its variables only those added,
   * changed or removed. A release seldom changes more than a few values of a model, and rewriting
   * all 40 to 80 variables of every changed model was most of an import's writes.
   */
  public void replace(
      Connection c, String datasource, Collection<ArchiveLoader.Loaded> changed, String version)
      throws SQLException {
    if (changed.isEmpty()) {
      return;
    }
    Map<ModelKey, Map<String, VariableRow>> stored = new HashMap<>();
    ModelsQuery.run(
        c,
        "SELECT model, name, position, service, value_json, source FROM model_variable"
            + " WHERE datasource = ? AND release_name = ? AND model",
        "",
        datasource,
        changed.stream().map(l -> new ModelKey(l.model().release(), l.model().name())).toList(),
        (release, r) -> {
          while (r.next()) {
            stored
                .computeIfAbsent(new ModelKey(release, r.getString(1)), k -> new HashMap<>())
                .put(
                    r.getString(2),
                    new VariableRow(r.getInt(3), r.getString(4), r.getString(5), r.getString(6)));
          }
        });
    List<Object[]> updated = new ArrayList<>();
    List<Object[]> removed = new ArrayList<>();
    Map<Value, String> json = new IdentityHashMap<>();
    List<Object[]> added = new ArrayList<>();
    try (RowUpdates models =
        new RowUpdates(
            c,
            "server_model",
            MODEL_COLUMNS.stream()
                .map(
                    n ->
                        n.equals("variable_count")
                            ? RowUpdates.Column.integer(n)
                            : RowUpdates.Column.text(n))
                .toList(),
            ", withdrawn_version = NULL",
            Stream.of("datasource", "release_name", "name")
                .map(RowUpdates.Column::text)
                .toList())) {
      for (ArchiveLoader.Loaded loaded : changed) {
        EffectiveModel m = loaded.model();
        models.add(
            concat(modelValues(loaded, version), new Object[] {datasource, m.release(), m.name()}));
        Map<String, VariableRow> old = stored.remove(new ModelKey(m.release(), m.name()));
        if (old == null) {
          old = new HashMap<>();
        }
        int position = 0;
        for (EffectiveVariable v : m.variables().values()) {
          VariableRow row = VariableRow.of(position++, v, json);
          VariableRow before = old.remove(v.name());
          Object[] key = {datasource, m.release(), m.name(), v.name()};
          if (before == null) {
            added.add(concat(key, row.values()));
          } else if (!before.equals(row)) {
            updated.add(concat(row.values(), key));
          }
        }
        for (String name : old.keySet()) {
          removed.add(new Object[] {datasource, m.release(), m.name(), name});
        }
      }
    }
    try (Batch batch =
        new Batch(
            c,
            "DELETE FROM model_variable"
                + " WHERE datasource = ? AND release_name = ? AND model = ? AND name = ?")) {
      for (Object[] row : removed) {
        batch.add(row);
      }
    }
    try (RowUpdates variables =
        new RowUpdates(
            c,
            "model_variable",
            List.of(
                RowUpdates.Column.integer("position"),
                RowUpdates.Column.text("service"),
                RowUpdates.Column.text("value_json"),
                RowUpdates.Column.text("source")),
            "",
            Stream.of("datasource", "release_name", "model", "name")
                .map(RowUpdates.Column::text)
                .toList())) {
      for (Object[] row : updated) {
        variables.add(row);
      }
    }
    if (added.isEmpty()) {
      return;
    }
    // Written last: on PostgreSQL by COPY, which no other statement may interleave.
    try (RowWriter rows = RowWriter.into(c, "model_variable", VARIABLE_COLUMNS)) {
      for (Object[] row : added) {
        rows.add(row);
      }
    }
  }

  /** A variable row of a model besides its key, as stored and as an import would write it. */
  private record VariableRow(int position, String service, String valueJson, String source) {

    /**
     * @param json the values already encoded, by identity: a part's models share most of their
     *     values, those of the models they extend and of their services' defaults
     */
    static VariableRow of(int position, EffectiveVariable v, Map<Value, String> json) {
      return new VariableRow(
          position,
          v.service(),
          json.computeIfAbsent(v.value(), UpstreamWriter::valueJson),
          v.source());
    }

    /** In the order of the columns after the key in {@link #VARIABLE_COLUMNS}. */
    Object[] values() {
      return new Object[] {position, service, valueJson, source};
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
    // No foreign key deletes the variables with their model (see V5): they go first, by the
    // prefix of their key.
    try (Batch variables =
        new Batch(
            c,
            "DELETE FROM model_variable WHERE datasource = ? AND release_name = ? AND model = ?")) {
      for (ModelKey k : models) {
        variables.add(datasource, k.release(), k.model());
      }
    }
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

  /**
   * After an import that rewrote a large share of the models, has PostgreSQL sample the model
   * tables again, in the import's transaction: its planner otherwise goes on with the figures of
   * before (of an empty table, after the first import), and reads the next import's few thousand
   * rows by scanning every one of them. The variables' definitions too: counted as one row a
   * release, they were joined to each stored variable read by a loop over all of them.
   */
  public void refreshStatistics(Connection c, ModelCounts counts) throws SQLException {
    int written = counts.added() + counts.changed() + counts.removed();
    int all = written + counts.unchanged();
    if (CopyRows.isPostgres(c) && written >= STATISTICS_ROWS && written * 10L >= all) {
      Sql.update(c, "ANALYZE server_model, model_variable, service_variable");
    }
  }

  /** The fewest models an import writes before {@link #refreshStatistics} samples the tables. */
  static final int STATISTICS_ROWS = 500;

  /** The columns of a model's row besides its key, as {@link #modelValues} gives them. */
  private static final List<String> MODEL_COLUMNS =
      List.of(
          "title",
          "description",
          "parent",
          "chain",
          "services",
          "content_hash",
          "source_file",
          "status",
          "imported_version",
          "source_digest",
          "variable_count");

  /** A model's row besides its key, active, written by {@code version}. */
  private static Object[] modelValues(ArchiveLoader.Loaded loaded, String version) {
    EffectiveModel m = loaded.model();
    ServerModel own = m.model();
    return new Object[] {
      own.title(),
      own.description(),
      own.parent(),
      Json.write(m.chain()),
      Json.write(m.services()),
      m.contentHash(),
      own.file(),
      "active",
      version,
      loaded.sourceDigest(),
      m.variables().size()
    };
  }

  private static Object[] concat(Object[] first, Object[] second) {
    Object[] all = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }

  private static final List<String> VARIABLE_COLUMNS =
      List.of(
          "datasource",
          "release_name",
          "model",
          "name",
          "position",
          "service",
          "value_json",
          "source");

  /** Values are stored in the canonical JSON form that conflict detection compares. */
  static String valueJson(Value value) {
    return OverrideValues.json(value);
  }
}
