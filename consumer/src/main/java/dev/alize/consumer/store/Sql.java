package dev.alize.consumer.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Small JDBC helpers of the bulk writers: parameters and updates. */
final class Sql {

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

  static int update(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, values);
      return s.executeUpdate();
    }
  }
}
