package dev.alize.publisher.persistence;

import dev.alize.common.testing.TestPostgres;

/**
 * Fresh, empty databases for the fleet database's tests: H2 (the embedded default) and a real
 * PostgreSQL 15 ({@link TestPostgres}).
 *
 * <p>Every {@link #fresh(Kind)} call returns the settings of a brand-new database that no other
 * test sees; {@link FleetDatabase#open} migrates it. H2 is a file database in its own folder under
 * one temporary folder of this JVM, with exactly the URL form that production uses ({@link
 * DatabaseSettings#embedded}); the folders are deleted when the JVM exits.
 */
public final class TestDatabases {

  /** The two databases the publisher supports. */
  public enum Kind {
    H2,
    POSTGRES
  }

  private TestDatabases() {}

  /** The settings of a brand-new, empty database of this kind. */
  public static DatabaseSettings fresh(Kind kind) {
    return switch (kind) {
      case H2 -> DatabaseSettings.embedded(TestPostgres.scratchFolder());
      case POSTGRES -> {
        TestPostgres.Jdbc jdbc = TestPostgres.freshDatabase();
        yield new DatabaseSettings(jdbc.url(), jdbc.user(), jdbc.password());
      }
    };
  }
}
