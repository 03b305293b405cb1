package dev.alize.consumer.store;

import io.micronaut.core.annotation.Nullable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Many stored models read at once, each with those of its variables a caller names, in plain JDBC:
 * an import reads back this way the unchanged parents of its child models, a thousand of them or
 * more, with only the variables the children override (see {@link ModelsQuery}). The variables'
 * definitions are not read: the caller has them.
 */
final class StoredModelQuery {

  /** A model's variable as stored: its value and provenance, not its definition. */
  record Variable(
      String service, String name, @Nullable String valueJson, @Nullable String source) {}

  /** Told each model found, with its variables among those named, in their order. */
  @FunctionalInterface
  interface Found {
    void model(ModelKey key, UpstreamRows.Model model, List<Variable> variables);
  }

  private static final String MODELS =
      "SELECT name, title, description, parent, chain, services, content_hash, source_file,"
          + " status FROM server_model WHERE datasource = ? AND release_name = ? AND name";

  private static final String VARIABLES =
      "SELECT model, service, name, value_json, source FROM model_variable"
          + " WHERE datasource = ? AND release_name = ? AND model";

  private static final String NAMED = " AND name = ANY (?) ORDER BY model, position";

  private StoredModelQuery() {}

  static void run(
      Connection c, String datasource, Collection<ModelKey> keys, Set<String> named, Found found)
      throws SQLException {
    Map<ModelKey, List<Variable>> variables = new HashMap<>();
    if (!named.isEmpty()) {
      ModelsQuery.run(
          c,
          VARIABLES,
          NAMED,
          named,
          datasource,
          keys,
          (release, r) -> {
            while (r.next()) {
              variables
                  .computeIfAbsent(new ModelKey(release, r.getString(1)), k -> new ArrayList<>())
                  .add(
                      new Variable(r.getString(2), r.getString(3), r.getString(4), r.getString(5)));
            }
          });
    }
    ModelsQuery.run(
        c,
        MODELS,
        "",
        datasource,
        keys,
        (release, r) -> {
          while (r.next()) {
            ModelKey key = new ModelKey(release, r.getString(1));
            found.model(
                key,
                new UpstreamRows.Model(
                    r.getString(2),
                    r.getString(3),
                    r.getString(4),
                    r.getString(5),
                    r.getString(6),
                    r.getString(7),
                    r.getString(8),
                    r.getString(9)),
                variables.getOrDefault(key, List.of()));
          }
        });
  }
}
