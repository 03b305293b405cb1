package dev.alize.consumer.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Many stored models read at once, each with its variables and their definitions, in plain JDBC: an
 * import reads back this way the unchanged parents of its child models, a thousand of them or more
 * (see {@link ModelsQuery}).
 */
final class StoredModelQuery {

  /** Told each model found, with its variables in their order. */
  @FunctionalInterface
  interface Found {
    void model(ModelKey key, UpstreamRows.Model model, List<UpstreamRows.Variable> variables);
  }

  private static final String SELECT =
      "SELECT m.name, m.title, m.description, m.parent, m.chain, m.services, m.content_hash,"
          + " m.source_file, m.status, mv.service, mv.name, sv.type, sv.item_type, sv.description,"
          + " sv.default_json, sv.min_value, sv.max_value, sv.choices, sv.pattern, mv.value_json,"
          + " mv.source FROM server_model m LEFT JOIN model_variable mv"
          + " ON mv.datasource = m.datasource AND mv.release_name = m.release_name"
          + " AND mv.model = m.name LEFT JOIN service_variable sv"
          + " ON sv.datasource = mv.datasource AND sv.release_name = mv.release_name"
          + " AND sv.service = mv.service AND sv.name = mv.name"
          + " WHERE m.datasource = ? AND m.release_name = ? AND m.name";

  private static final String ORDER = " ORDER BY m.name, mv.position";

  private StoredModelQuery() {}

  static void run(Connection c, String datasource, Collection<ModelKey> keys, Found found)
      throws SQLException {
    ModelsQuery.run(c, SELECT, ORDER, datasource, keys, (release, r) -> read(release, r, found));
  }

  private static void read(String release, ResultSet r, Found found) throws SQLException {
    String name = null;
    UpstreamRows.Model model = null;
    List<UpstreamRows.Variable> variables = new ArrayList<>();
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
            new UpstreamRows.Variable(
                r.getString(10),
                r.getString(11),
                r.getString(12),
                r.getString(13),
                r.getString(14),
                r.getString(15),
                longOrNull(r, 16),
                longOrNull(r, 17),
                r.getString(18),
                r.getString(19),
                r.getString(20),
                r.getString(21)));
      }
    }
    if (model != null) {
      found.model(new ModelKey(release, name), model, variables);
    }
  }

  private static Long longOrNull(ResultSet r, int column) throws SQLException {
    long value = r.getLong(column);
    return r.wasNull() ? null : value;
  }
}
