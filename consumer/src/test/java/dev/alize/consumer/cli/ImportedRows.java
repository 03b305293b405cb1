package dev.alize.consumer.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * What an import writes, read from the database as a value to compare: the datasource's record of
 * its installed release, its releases, services and models with their variables, the child models
 * and their conflicts, the history of imports and the notifications queued. Ids, times and delivery
 * state are left out: they differ from one run of the same import to the next.
 */
record ImportedRows(Map<String, List<String>> tables) {

  private static final Map<String, String> QUERIES = new LinkedHashMap<>();

  static {
    QUERIES.put(
        "datasource",
        "SELECT name, repository, version, target_path, target_hash, targets_version, title,"
            + " maintainer, description, previous_version, previous_target_path,"
            + " previous_target_hash, previous_targets_version, pinned_below FROM datasource");
    QUERIES.put("distribution_release", "SELECT * FROM distribution_release");
    QUERIES.put("service", "SELECT * FROM service");
    QUERIES.put("service_variable", "SELECT * FROM service_variable");
    QUERIES.put("server_model", "SELECT * FROM server_model");
    QUERIES.put("model_variable", "SELECT * FROM model_variable");
    QUERIES.put(
        "child_model",
        "SELECT name, parent_datasource, parent_release, parent_model, description,"
            + " reconciled_version, reconciled_services FROM child_model");
    QUERIES.put(
        "child_override",
        "SELECT m.name, o.variable, o.value_text, o.reconciled_value"
            + " FROM child_override o JOIN child_model m ON m.id = o.child_id");
    QUERIES.put(
        "conflict",
        "SELECT m.name, c.kind, c.subject, c.severity, c.status, c.message, c.details,"
            + " c.datasource, c.raised_version, c.last_seen_version, c.closed_version"
            + " FROM conflict c JOIN child_model m ON m.id = c.child_id");
    // Syncs are recorded whether or not they imported: only imports say what the data is.
    QUERIES.put(
        "import_run",
        "SELECT kind, repository, datasource, from_version, to_version, target_hash,"
            + " targets_version, models_added, models_changed, models_removed, models_unchanged,"
            + " models_withdrawn, conflicts_raised, conflicts_closed, outcome, error"
            + " FROM import_run WHERE kind <> 'sync'");
    QUERIES.put("notification_outbox", "SELECT channel, payload FROM notification_outbox");
    QUERIES.put(
        "held_release",
        "SELECT datasource, version, repository, installed, reason FROM held_release");
  }

  /** Reads the tables in {@code c}, each as its rows in a sorted list. */
  static ImportedRows read(Connection c) throws SQLException {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    try (Statement s = c.createStatement()) {
      for (var query : QUERIES.entrySet()) {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(query.getValue())) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            StringJoiner row = new StringJoiner(" | ");
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              String value = rs.getString(i);
              // A notification names the conflicts it tells of by their ids.
              row.add(
                  value != null && meta.getColumnLabel(i).equalsIgnoreCase("payload")
                      ? value.replaceAll("\"id\":\\d+", "\"id\":#")
                      : String.valueOf(value));
            }
            rows.add(row.toString());
          }
        }
        Collections.sort(rows);
        tables.put(query.getKey(), List.copyOf(rows));
      }
    }
    return new ImportedRows(tables);
  }

  /** The name of the one of {@code states} that these rows equal in every table. */
  Optional<String> sameAs(Map<String, ImportedRows> states) {
    return states.entrySet().stream()
        .filter(s -> s.getValue().equals(this))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /**
   * Table by table, which of {@code states} it equals, or how many of its rows each lacks and has
   * in excess: what a failure shows of a mix.
   */
  String compareWith(Map<String, ImportedRows> states) {
    StringBuilder text = new StringBuilder();
    for (var table : tables.entrySet()) {
      List<String> rows = table.getValue();
      List<String> same = new ArrayList<>();
      StringJoiner distance = new StringJoiner("; ");
      for (var state : states.entrySet()) {
        List<String> theirs = state.getValue().tables().get(table.getKey());
        if (theirs.equals(rows)) {
          same.add(state.getKey());
        } else {
          distance.add(
              "vs "
                  + state.getKey()
                  + ": "
                  + missing(rows, theirs).size()
                  + " rows not there, "
                  + missing(theirs, rows).size()
                  + " of its rows missing, e.g. "
                  + missing(rows, theirs).stream().findFirst().orElse("-"));
        }
      }
      text.append("  ")
          .append(table.getKey())
          .append(" (")
          .append(rows.size())
          .append(" rows): ")
          .append(same.isEmpty() ? "as in none: " + distance : "as in " + same)
          .append('\n');
    }
    return text.toString();
  }

  /** The rows of {@code rows} that {@code others} lacks. */
  private static List<String> missing(List<String> rows, List<String> others) {
    HashSet<String> set = new HashSet<>(others);
    return rows.stream().filter(r -> !set.contains(r)).toList();
  }
}
