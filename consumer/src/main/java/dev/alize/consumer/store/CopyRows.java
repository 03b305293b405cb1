package dev.alize.consumer.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows sent to PostgreSQL's {@code COPY ... FROM STDIN} in its text format, a chunk at a time, so
 * that a large import neither holds its rows in memory nor pays a round trip per batch. Constraints
 * are checked as for inserts, and a failure aborts the transaction like any other.
 */
final class CopyRows implements RowWriter {

  private static final int CHUNK = 1 << 16;

  private final CopyIn copy;
  private final StringBuilder rows = new StringBuilder(CHUNK + 4096);

  CopyRows(Connection c, String sql) throws SQLException {
    this.copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
  }

  static boolean isPostgres(Connection c) throws SQLException {
    return c.isWrapperFor(PGConnection.class);
  }

  @Override
  public void add(Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        rows.append('\t');
      }
      if (values[i] == null) {
        rows.append("\\N");
      } else {
        escape(values[i].toString());
      }
    }
    rows.append('\n');
    if (rows.length() >= CHUNK) {
      flush();
    }
  }

  /** The text format's escapes: backslash, and the characters that end a column or a row. */
  private void escape(String value) {
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '\\' -> rows.append("\\\\");
        case '\t' -> rows.append("\\t");
        case '\n' -> rows.append("\\n");
        case '\r' -> rows.append("\\r");
        default -> rows.append(ch);
      }
    }
  }

  private void flush() throws SQLException {
    byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
    rows.setLength(0);
    copy.writeToCopy(bytes, 0, bytes.length);
  }

  @Override
  public void close() throws SQLException {
    try {
      flush();
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }
}
