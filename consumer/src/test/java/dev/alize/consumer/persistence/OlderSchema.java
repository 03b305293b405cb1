package dev.alize.consumer.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/** Databases at another schema version than this consumer's, as upgrades meet them. */
public final class OlderSchema {

  private OlderSchema() {}

  /**
   * Migrates the empty database of {@code settings} up to {@code version} only, as an older
   * consumer left it.
   */
  public static void migrateTo(DatabaseSettings settings, int version) {
    Flyway.configure()
        .dataSource(settings.url(), settings.user(), settings.password())
        .locations("classpath:db/migration")
        .target(Integer.toString(version))
        .load()
        .migrate();
  }

  /** Records {@code version} as applied, as a newer consumer would have. */
  public static void recordNewer(DatabaseSettings settings, int version) throws SQLException {
    try (Connection c = connect(settings);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\","
              + " \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\","
              + " \"success\") VALUES (1000, '"
              + version
              + "', 'from a newer consumer', 'SQL', 'V"
              + version
              + "__newer.sql', 0, 'test', 1, TRUE)");
    }
  }

  /** What the history of {@code settings}' database says. */
  public static SchemaState read(DatabaseSettings settings) throws SQLException {
    try (Connection c = connect(settings)) {
      return Schema.read(c);
    }
  }

  private static Connection connect(DatabaseSettings settings) throws SQLException {
    return DriverManager.getConnection(settings.url(), settings.user(), settings.password());
  }
}
