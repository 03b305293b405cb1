package dev.alize.publisher.persistence;

import java.sql.SQLException;

/** The fleet database cannot be reached or refused a statement; the message says which and why. */
public final class DatabaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatabaseException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether a row with the same key existed, as one a concurrent request inserted first. */
  public boolean isDuplicateKey() {
    for (Throwable t = getCause(); t != null; t = t.getCause()) {
      // The SQL standard's unique violation, as both H2 and PostgreSQL report it.
      if (t instanceof SQLException e && "23505".equals(e.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
