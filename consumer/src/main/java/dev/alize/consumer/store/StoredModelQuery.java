package dev.alize.consumer.store;

import io.micronaut.core.annotation.Nullable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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

  private static final String SELECT =
      "SELECT m.name, m.title, m.description, m.parent, m.chain, m.services, m.content_hash,"
          + " m.source_file, m.status, mv.service, mv.name, mv.value_json, mv.source"
          + " FROM server_model m LEFT JOIN model_variable mv"
          + " ON mv.datasource = m.datasource AND mv.release_name = m.release_name"
          + " AND mv.model = m.name AND mv.name = ANY (?)"
          + " WHERE m.datasource = ? AND m.release_name = ? AND m.name";

  private static final String ORDER = " ORDER BY m.name, mv.position";

  private StoredModelQuery() {}

  static void run(
      Connection c, String datasource, Collection<ModelKey> keys, Set<String> named, Found found)
      throws SQLException {
    ModelsQuery.run(
        c, SELECT, ORDER, named, datasource, keys, (release, r) -> read(release, r, found));
  }

  private static void read(String release, ResultSet r, Found found) throws SQLException {
    String name = null;
    UpstreamRows.Model model = null;
    List<Variable> variables = new ArrayList<>();
    while (r.next()) {
      String next = r.getString(1);
      if (!next.equals(name)) {
        if (model != null) {
          found.model(new ModelKey(release, name), model, variables);
        }
        name = next;
        model =
            new UpstreamRows.Model(
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                r.getString(8),
                r.getString(9));
        variables = new ArrayList<>();
      }
      if (r.getString(11) != null) {
        variables.add(
            new Variable(r.getString(10), r.getString(11), r.getString(12), r.getString(13)));
      }
    }
    if (model != null) {
      found.model(new ModelKey(release, name), model, variables);
    }
  }
}
