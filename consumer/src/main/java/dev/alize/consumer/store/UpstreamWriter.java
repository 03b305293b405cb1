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
import java.sql.SQLException;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes the upstream rows of each datasource: distribution releases, services with their
 * variables, and server models with their effective variables and provenance. These are the bulk
 * writes of an import, in plain JDBC on the import's connection ({@code COPY} on PostgreSQL,
 * batches on H2); {@link UpstreamReader} reads them back. Every method works in the caller's
 * transaction.
 */
@Singleton
public final class UpstreamWriter {

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
                "source_digest",
                "variable_count"))) {
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
            digests.next().sourceDigest(),
            m.variables().size());
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
   * rows by scanning every one of them.
   */
  public void refreshStatistics(Connection c, ModelCounts counts) throws SQLException {
    int written = counts.added() + counts.changed() + counts.removed();
    int all = written + counts.unchanged();
    if (CopyRows.isPostgres(c) && written >= STATISTICS_ROWS && written * 10L >= all) {
      Sql.update(c, "ANALYZE server_model, model_variable");
    }
  }

  /** The fewest models an import writes before {@link #refreshStatistics} samples the tables. */
  static final int STATISTICS_ROWS = 500;

  /** Values are stored in the canonical JSON form that conflict detection compares. */
  static String valueJson(Value value) {
    return OverrideValues.json(value);
  }
}
