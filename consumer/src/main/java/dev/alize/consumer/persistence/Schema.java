package dev.alize.consumer.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The version of the database's schema that this consumer is built for, and what it does with a
 * database at another one. Only {@code serve} and {@code migrate} change a schema that exists, so
 * that a newer consumer run by hand never changes a database that older replicas still use; a new,
 * empty database is set up by whichever command opens it first, since nothing can be using it.
 */
public final class Schema {

  /**
   * The highest migration under {@code db/migration}: {@code SchemaTest} checks that they agree.
   * Migrations are numbered with whole numbers, so that this check needs no migration tool.
   */
  public static final int CURRENT = 6;

  /** Flyway's table, quoted lower case on both databases. */
  private static final String HISTORY = "flyway_schema_history";

  private Schema() {}

  /** What to do with a database found in {@code state}. */
  public enum Step {
    USE,
    MIGRATE
  }

  /**
   * What a process does with a database in {@code state}.
   *
   * @param migrates whether the process may change an existing schema ({@code serve}, {@code
   *     migrate})
   * @param shown the database, as messages name it
   * @throws DatabaseException when the process must not run on this schema, saying what to do
   */
  public static Step step(SchemaState state, boolean migrates, String shown) {
    if (state instanceof SchemaState.Failed failed) {
      throw new DatabaseException(
          "database "
              + shown
              + ": migration "
              + failed.version()
              + " ("
              + failed.description()
              + ") failed half-way; restore the database from its backup, or repair it by hand"
              + " and delete its failed row from "
              + HISTORY
              + ", then run `consumer migrate`",
          null);
    }
    if (!(state instanceof SchemaState.At at)) {
      return Step.MIGRATE;
    }
    if (at.version() > CURRENT) {
      throw new DatabaseException(
          "database "
              + shown
              + ": its schema is at version "
              + at.version()
              + ", newer than this consumer's "
              + CURRENT
              + ": upgrade this consumer to the version that migrated it",
          null);
    }
    if (at.version() == CURRENT) {
      return Step.USE;
    }
    if (!migrates) {
      throw new DatabaseException(
          "database "
              + shown
              + ": its schema is at version "
              + at.version()
              + " and this consumer needs "
              + CURRENT
              + ": run `consumer migrate` once every replica that shares it runs this version"
              + " (see \"Upgrading\" in the consumer's guide)",
          null);
    }
    return Step.MIGRATE;
  }

  /** Reads the migration history on {@code connection}, without the migration tool. */
  public static SchemaState read(Connection connection) throws SQLException {
    try (ResultSet tables =
        connection
            .getMetaData()
            .getTables(null, connection.getSchema(), HISTORY, new String[] {"TABLE"})) {
      if (!tables.next()) {
        return new SchemaState.Empty();
      }
    }
    int highest = 0;
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT \"version\", \"description\", \"success\" FROM \"" + HISTORY + "\"");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        String version = rows.getString(1);
        if (version == null) {
          // A repeatable migration or Flyway's own schema marker: no version.
          continue;
        }
        if (!rows.getBoolean(3)) {
          return new SchemaState.Failed(version, rows.getString(2));
        }
        highest = Math.max(highest, wholeNumber(version));
      }
    }
    return new SchemaState.At(highest);
  }

  private static int wholeNumber(String version) throws SQLException {
    try {
      return Integer.parseInt(version);
    } catch (NumberFormatException e) {
      throw new SQLException(
          "migration version '" + version + "' in " + HISTORY + " is not a whole number", e);
    }
  }
}
