package dev.alize.consumer.persistence;

import dev.alize.common.testing.TestPostgres;
import dev.alize.consumer.config.DataFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fresh, empty databases for tests: H2 (the embedded default) and a real PostgreSQL 15 ({@link
 * TestPostgres}, which says how it is started, or which external server it uses instead).
 *
 * <p>Every {@link #fresh(Kind)} call returns the settings of a brand-new database that no other
 * test sees; open it with {@link Database#open(DatabaseSettings)} to get it migrated. To run one
 * test on both kinds, see {@link DatabaseKinds}. H2 is a file database in its own folder under one
 * temporary folder of this JVM, with exactly the URL form that production uses ({@link
 * DatabaseSettings#embedded}); the folders are deleted when the JVM exits.
 */
public final class TestDatabases {

  /** The two databases the consumer supports. */
  public enum Kind {
    H2,
    POSTGRES
  }

  /** The PostgreSQL major version the project supports. */
  static final int POSTGRES_MAJOR = TestPostgres.POSTGRES_MAJOR;

  private TestDatabases() {}

  /** The settings of a brand-new, empty database of this kind. */
  public static DatabaseSettings fresh(Kind kind) {
    return switch (kind) {
      case H2 -> DatabaseSettings.embedded(new DataFolder(scratchFolder()));
      case POSTGRES -> {
        TestPostgres.Jdbc jdbc = TestPostgres.freshDatabase();
        yield new DatabaseSettings(jdbc.url(), jdbc.user(), jdbc.password());
      }
    };
  }

  /** A new empty folder, deleted with the others when the test JVM exits. */
  static Path scratchFolder() {
    return TestPostgres.scratchFolder();
  }

  /**
   * Makes the database of {@code settings} unreachable to the pools that use it, as an outage
   * would: PostgreSQL's is dropped with its sessions ended; H2's is shut down and its folder
   * replaced by a plain file, so that it cannot be opened again.
   */
  public static void makeUnreachable(Kind kind, DatabaseSettings settings) {
    switch (kind) {
      case H2 -> {
        try (Connection c =
                DriverManager.getConnection(settings.url(), settings.user(), settings.password());
            Statement s = c.createStatement()) {
          s.execute("SHUTDOWN");
        } catch (SQLException e) {
          throw new IllegalStateException("cannot shut H2 down: " + e.getMessage(), e);
        }
        String url = settings.shown();
        Path folder = Path.of(url.substring(url.indexOf("file:") + "file:".length())).getParent();
        TestPostgres.deleteTree(folder);
        try {
          Files.writeString(folder, "not a folder");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      case POSTGRES -> {
        String url = settings.shown();
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = TestPostgres.maintenance();
            Statement s = c.createStatement()) {
          s.execute("DROP DATABASE " + name + " WITH (FORCE)");
        } catch (SQLException e) {
          throw new IllegalStateException("cannot drop " + name + ": " + e.getMessage(), e);
        }
      }
    }
  }
}
