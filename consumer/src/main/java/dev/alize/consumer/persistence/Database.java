package dev.alize.consumer.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's database: a connection pool, migrated by Flyway when opened, and transactions that
 * commit all of their work or none of it.
 */
public final class Database implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private static final String H2_BIND_ADDRESS = "h2.bindAddress";

  /** How long to wait for a connection: a database that is down is reported, not waited for. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Work done on one connection inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final HikariDataSource pool;
  private final DatabaseSettings settings;

  private Database(HikariDataSource pool, DatabaseSettings settings) {
    this.pool = pool;
    this.settings = settings;
  }

  /**
   * Connects and brings the schema up to date.
   *
   * @throws DatabaseException when the database cannot be reached or migrated
   */
  public static Database open(DatabaseSettings settings) {
    if (settings.url().startsWith("jdbc:h2:") && System.getProperty(H2_BIND_ADDRESS) == null) {
      // H2's automatic mixed mode serves the file to other local processes: on loopback only.
      System.setProperty(H2_BIND_ADDRESS, "127.0.0.1");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(0);
    config.setAutoCommit(false);
    config.setPoolName("alize");
    config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
    if (settings.isPostgres()) {
      // PostgreSQL waits for a lock forever unless told otherwise; H2's URL says it.
      config.setConnectionInitSql("SET lock_timeout = " + DatabaseSettings.LOCK_TIMEOUT_MILLIS);
    }
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new DatabaseException(
          "cannot open the database " + settings.shown() + ": " + rootMessage(e), e);
    }
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration")
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      pool.close();
      throw new DatabaseException(
          "cannot open the database " + settings.shown() + ": " + rootMessage(e), e);
    }
    LOG.debug("database {} open and migrated", settings.shown());
    return new Database(pool, settings);
  }

  public DatabaseSettings settings() {
    return settings;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   *
   * @throws DatabaseException for an {@link SQLException}; other exceptions pass unchanged
   */
  public <T> T inTransaction(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new DatabaseException(
          "database " + settings.shown() + ": " + e.getMessage().strip(), e);
    }
  }

  /**
   * Runs {@code work} in one transaction that is always rolled back: to compute what a change would
   * do without storing it.
   */
  public <T> T rolledBack(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      try {
        return work.run(c);
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new DatabaseException(
          "database " + settings.shown() + ": " + e.getMessage().strip(), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.strip().lines().findFirst().orElse("");
  }

  @Override
  public void close() {
    pool.close();
  }
}
