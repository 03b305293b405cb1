package dev.alize.consumer.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A prepared statement run in batches of {@link #SIZE} rows, so that a large import makes few round
 * trips and holds few rows in memory at once.
 */
final class Batch implements AutoCloseable {

  static final int SIZE = 500;

  private final PreparedStatement statement;
  private int pending;

  Batch(Connection c, String sql) throws SQLException {
    this.statement = c.prepareStatement(sql);
  }

  /** Sets the parameters of the next row, in order; nulls allowed. */
  void add(Object... values) throws SQLException {
    Sql.bind(statement, values);
    statement.addBatch();
    if (++pending == SIZE) {
      flush();
    }
  }

  private void flush() throws SQLException {
    if (pending > 0) {
      statement.executeBatch();
      pending = 0;
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      flush();
    } finally {
      statement.close();
    }
  }
}
