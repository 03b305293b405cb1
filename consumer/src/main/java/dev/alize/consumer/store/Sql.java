package dev.alize.consumer.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small JDBC helpers shared by the stores: parameters, queries, updates. */
final class Sql {

  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private Sql() {}

  /**
   * Sets parameters in order. An {@link Instant} is stored as its UTC date and time, so that
   * replicas in other time zones, and the hour repeated when summer time ends, read it back alike.
   */
  static void bind(PreparedStatement statement, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      statement.setObject(
          i + 1,
          v instanceof Instant instant ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : v);
    }
  }

  static <T> List<T> list(Connection c, String sql, Row<T> row, Object... values)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, values);
      try (ResultSet rs = s.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row.map(rs));
        }
        return out;
      }
    }
  }

  static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... values)
      throws SQLException {
    List<T> all = list(c, sql, row, values);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  static int update(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, values);
      return s.executeUpdate();
    }
  }

  /** Inserts one row and returns its generated {@code id}. */
  static long insert(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql, new String[] {"id"})) {
      bind(s, values);
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("no generated id for: " + sql);
        }
        return keys.getLong(1);
      }
    }
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    LocalDateTime t = rs.getObject(column, LocalDateTime.class);
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }

  static Integer integer(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  /** Whether {@code e} says a row with the same key exists, as a concurrent replica's insert. */
  static boolean isDuplicateKey(SQLException e) {
    // The SQL standard's unique violation, as both H2 and PostgreSQL report it.
    return "23505".equals(e.getSQLState());
  }
}
