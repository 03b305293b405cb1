package dev.alize.publisher.persistence;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.exceptions.TransactionException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * The fleet database: transactions that commit all of their work or none of it, on Micronaut's
 * transaction manager. The repositories called inside a transaction share its connection, which is
 * also handed to the work for the few statements that stay plain JDBC.
 */
@Singleton
public final class Database {

  /** Work done on one connection inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final TransactionOperations<Connection> transactions;
  private final DatabaseSettings settings;

  public Database(TransactionOperations<Connection> transactions, DatabaseSettings settings) {
    this.transactions = transactions;
    this.settings = settings;
  }

  public DatabaseSettings settings() {
    return settings;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   * Called inside another transaction, it joins it.
   *
   * @throws DatabaseException for an error of the database; other exceptions pass unchanged
   */
  public <T> T inTransaction(Work<T> work) {
    try {
      return transactions.execute(
          TransactionDefinition.DEFAULT,
          status -> {
            try {
              return work.run(status.getConnection());
            } catch (SQLException e) {
              throw new DatabaseException(failure(e), e);
            }
          });
    } catch (DataAccessException
        | TransactionException
        | ConnectionException
        | CannotGetJdbcConnectionException e) {
      throw new DatabaseException(failure(e), e);
    }
  }

  private String failure(Throwable e) {
    Throwable cause = e;
    while (!(cause instanceof SQLException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    // The pool's "connection is not available" carries the reason it could not connect.
    if (cause instanceof SQLTransientConnectionException
        && cause.getCause() instanceof SQLException reason
        && reason.getMessage() != null) {
      return "database " + settings.shown() + ": cannot connect: " + reason.getMessage().strip();
    }
    String message = cause.getMessage() == null ? e.toString() : cause.getMessage();
    return "database " + settings.shown() + ": " + message.strip();
  }
}
