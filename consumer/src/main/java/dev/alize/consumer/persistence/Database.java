package dev.alize.consumer.persistence;

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
import java.util.function.Supplier;

/**
 * The consumer's database: transactions that commit all of their work or none of it, on Micronaut's
 * transaction manager. The repositories called inside a transaction share its connection; the
 * connection is also handed to the work, for the bulk writes and the row lock that stay plain JDBC.
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
  private final DatasourceTurns turns = new DatasourceTurns(DatabaseSettings.LOCK_TIMEOUT_MILLIS);

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
    return run(TransactionDefinition.DEFAULT, work, false);
  }

  /**
   * Runs {@code work} in one transaction as {@link #inTransaction} does, in this process's turn at
   * writing {@code datasource}: for work that locks the datasource's row, which then waits for its
   * turn without holding a connection.
   *
   * @throws DatabaseException also when the turn did not come within the lock timeout
   */
  public <T> T inTransactionOf(String datasource, Work<T> work) {
    return inTurn(datasource, () -> inTransaction(work));
  }

  /**
   * Runs {@code work} in a transaction of its own that is always rolled back: to compute what a
   * change would do without storing it.
   */
  public <T> T rolledBack(Work<T> work) {
    return run(
        TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW), work, true);
  }

  /** {@link #rolledBack}, in this process's turn at writing {@code datasource}. */
  public <T> T rolledBackOf(String datasource, Work<T> work) {
    return inTurn(datasource, () -> rolledBack(work));
  }

  /** How many of this process's writers wait for their turn at a datasource now. */
  public int writersWaiting() {
    return turns.waiting();
  }

  private <T> T inTurn(String datasource, Supplier<T> work) {
    try {
      return turns.take(datasource, work);
    } catch (DatasourceTurns.TurnTimeoutException e) {
      throw new DatabaseException("database " + settings.shown() + ": " + e.getMessage(), e);
    }
  }

  private <T> T run(TransactionDefinition definition, Work<T> work, boolean rollback) {
    try {
      return transactions.execute(
          definition,
          status -> {
            if (rollback) {
              status.setRollbackOnly();
            }
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
