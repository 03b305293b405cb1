package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.alize.common.testing.TestPostgres;
import dev.alize.consumer.config.DataFolder;
import dev.alize.consumer.persistence.DatabaseSettings;
import dev.alize.consumer.persistence.OpenDatabase;
import dev.alize.consumer.persistence.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A consumer site of the crash trials: a folder holding its configuration and its data folder (with
 * the embedded H2 database, on H2), and its database (a database of its own, on PostgreSQL). A site
 * is copied whole, database included, so that every trial starts from the same state.
 */
final class CrashSite {

  /** The repository the site follows, as {@link ConsumerSite} names it. */
  static final String REPOSITORY = "upstream";

  /** How long a trial waits for the row lock a killed import may still hold. */
  private static final int LOCK_WAIT_SECONDS = 30;

  private final Path dir;
  private final TestDatabases.Kind kind;
  private final DatabaseSettings database;
  private final Path config;

  private CrashSite(
      Path dir,
      TestDatabases.Kind kind,
      DatabaseSettings database,
      LivePublisher publisher,
      String... settings) {
    this.dir = dir;
    this.kind = kind;
    this.database = database;
    this.config = new ConsumerSite(dir, publisher).direct(settings);
    if (kind == TestDatabases.Kind.POSTGRES) {
      List<String> lines = new ArrayList<>(List.of("database:", "  url: " + database.url()));
      if (database.user() != null) {
        lines.add("  user: " + quoted(database.user()));
      }
      if (database.password() != null) {
        lines.add("  password: " + quoted(database.password()));
      }
      ConsumerSite.append(config, lines.toArray(String[]::new));
    }
  }

  /**
   * A new site in {@code dir}, with an empty database, and {@code settings} (YAML lines under the
   * repository).
   */
  static CrashSite create(
      Path dir, TestDatabases.Kind kind, LivePublisher publisher, String... settings) {
    DatabaseSettings database =
        kind == TestDatabases.Kind.H2
            ? DatabaseSettings.embedded(new DataFolder(dir.resolve("alize-data")))
            : TestDatabases.fresh(kind);
    return new CrashSite(dir, kind, database, publisher, settings);
  }

  /**
   * A copy of this site in {@code to}, its data folder and database as they are now, following
   * {@code settings}. Nothing may use this site's database meanwhile.
   */
  CrashSite copy(Path to, LivePublisher publisher, String... settings) {
    LivePublisher.copy(data().root(), to.resolve("alize-data"));
    DatabaseSettings copied;
    if (kind == TestDatabases.Kind.H2) {
      copied = DatabaseSettings.embedded(new DataFolder(to.resolve("alize-data")));
    } else {
      TestPostgres.Jdbc jdbc = TestPostgres.copyOf(jdbc());
      copied = new DatabaseSettings(jdbc.url(), jdbc.user(), jdbc.password());
    }
    return new CrashSite(to, kind, copied, publisher, settings);
  }

  /** Deletes the site's folder and, on PostgreSQL, its database. */
  void delete() {
    if (kind == TestDatabases.Kind.POSTGRES) {
      TestPostgres.drop(jdbc());
    }
    TestPostgres.deleteTree(dir);
  }

  Path config() {
    return config;
  }

  Path dir() {
    return dir;
  }

  DataFolder data() {
    return new DataFolder(dir.resolve("alize-data"));
  }

  /** The site's database as the consumer's commands open it, for what an admin does. */
  OpenDatabase open() {
    return OpenDatabase.open(database, data().root());
  }

  /** What imports wrote in the database; the connection is closed before it returns. */
  ImportedRows rows() throws SQLException {
    try (Connection c = connect()) {
      return ImportedRows.read(c);
    }
  }

  /**
   * Fails unless nothing is left locked that would block the next sync: the repository's lock file,
   * and the datasource's row, which an import locks (a killed client's PostgreSQL session may hold
   * it until the server sees the client gone, so it is waited for a while).
   */
  void assertNothingLocked(String datasource) throws SQLException {
    try (FileChannel channel = FileChannel.open(data().lock(REPOSITORY), StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      assertNotNull(lock, "the repository's lock file is still held");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute(
            kind == TestDatabases.Kind.H2
                ? "SET LOCK_TIMEOUT " + LOCK_WAIT_SECONDS * 1000
                : "SET lock_timeout = '" + LOCK_WAIT_SECONDS + "s'");
      }
      try (PreparedStatement s =
          c.prepareStatement("SELECT name FROM datasource WHERE name = ? FOR UPDATE")) {
        s.setString(1, datasource);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
        }
      } catch (SQLException e) {
        throw new AssertionError(
            "the row of " + datasource + " stayed locked " + LOCK_WAIT_SECONDS + " s", e);
      } finally {
        c.rollback();
      }
    }
  }

  private TestPostgres.Jdbc jdbc() {
    return new TestPostgres.Jdbc(database.url(), database.user(), database.password());
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(database.url(), database.user(), database.password());
  }

  /** A YAML scalar in single quotes, which keep everything but the quote itself. */
  private static String quoted(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
