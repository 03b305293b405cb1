package dev.alize.consumer.store;

import io.micronaut.core.annotation.Nullable;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A query of the rows of many models of a datasource, in plain JDBC on the caller's connection. On
 * PostgreSQL the names of a release go as one array, in one round trip per {@value
 * #NAMES_PER_QUERY}; H2 runs in this process, where a query costs no round trip but a list of names
 * is not looked up by the key, so it is asked one model at a time.
 */
final class ModelsQuery {

  static final int NAMES_PER_QUERY = 1000;

  /** Reads the rows of one query: all those of the models it asked for, of one release. */
  @FunctionalInterface
  interface Rows {
    void read(String release, ResultSet rows) throws SQLException;
  }

  private ModelsQuery() {}

  /**
   * Runs {@code select}, whose parameters are the datasource and the release and which ends with
   * the column of the model's name, such as {@code "... AND m.name"}, then {@code order}, for every
   * model of {@code keys}.
   */
  static void run(
      Connection c,
      String select,
      String order,
      String datasource,
      Collection<ModelKey> keys,
      Rows rows)
      throws SQLException {
    run(c, select, order, null, datasource, keys, rows);
  }

  /**
   * As {@link #run(Connection, String, String, String, Collection, Rows)}, where {@code select}
   * holds one more parameter before the datasource's: the array of {@code leading}, such as {@code
   * "... ON mv.name = ANY (?) WHERE m.datasource = ? ..."}.
   */
  static void run(
      Connection c,
      String select,
      String order,
      @Nullable Collection<String> leading,
      String datasource,
      Collection<ModelKey> keys,
      Rows rows)
      throws SQLException {
    Map<String, List<String>> byRelease = new TreeMap<>();
    keys.forEach(
        k -> byRelease.computeIfAbsent(k.release(), r -> new ArrayList<>()).add(k.model()));
    boolean postgres = CopyRows.isPostgres(c);
    Array first = leading == null ? null : c.createArrayOf("varchar", leading.toArray());
    int at = first == null ? 1 : 2;
    try (PreparedStatement s =
        c.prepareStatement(select + (postgres ? " = ANY (?)" : " = ?") + order)) {
      if (first != null) {
        s.setArray(1, first);
      }
      for (Map.Entry<String, List<String>> release : byRelease.entrySet()) {
        List<String> names = release.getValue();
        if (postgres) {
          for (int i = 0; i < names.size(); i += NAMES_PER_QUERY) {
            List<String> some = names.subList(i, Math.min(names.size(), i + NAMES_PER_QUERY));
            Array array = c.createArrayOf("varchar", some.toArray());
            try {
              read(s, at, datasource, release.getKey(), array, rows);
            } finally {
              array.free();
            }
          }
        } else {
          for (String name : names) {
            read(s, at, datasource, release.getKey(), name, rows);
          }
        }
      }
    } finally {
      if (first != null) {
        first.free();
      }
    }
  }

  /** Sets the parameters from the datasource's, at {@code at}, on, and reads the rows. */
  private static void read(
      PreparedStatement s, int at, String datasource, String release, Object models, Rows rows)
      throws SQLException {
    s.setString(at, datasource);
    s.setString(at + 1, release);
    s.setObject(at + 2, models);
    try (ResultSet r = s.executeQuery()) {
      rows.read(release, r);
    }
  }
}
