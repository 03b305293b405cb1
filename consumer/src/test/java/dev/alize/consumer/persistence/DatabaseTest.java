package dev.alize.consumer.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.consumer.persistence.TestDatabases.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The database layer on both databases: migration, reopening, transactions, the schema's rules. */
class DatabaseTest {

  private static final String MIGRATION = "db/migration/V1__consumer_schema.sql";
  private static final LocalDateTime NOW = LocalDateTime.of(2025, 3, 1, 12, 30, 0);

  @DatabaseKinds
  void freshDatabasesAreEmptyAndDistinct(Kind kind) throws SQLException {
    DatabaseSettings first = TestDatabases.fresh(kind);
    DatabaseSettings second = TestDatabases.fresh(kind);

    assertNotEquals(first.url(), second.url());
    assertEquals(kind == Kind.POSTGRES, first.isPostgres());
    try (Connection c = DriverManager.getConnection(first.url(), first.user(), first.password())) {
      assertEquals(Set.of(), tables(c));
    }
  }

  @DatabaseKinds
  void migrationCreatesEveryTableOfTheSchema(Kind kind) {
    List<String> expected = migrationTables();
    assertTrue(expected.contains("approval") && expected.contains("child_model"), "" + expected);

    try (OpenDatabase opened = OpenDatabase.open(TestDatabases.fresh(kind))) {
      Database db = opened.database();
      Set<String> tables = db.inTransaction(DatabaseTest::tables);
      for (String table : expected) {
        assertTrue(tables.contains(table), table + " missing on " + kind + ": " + tables);
      }
      db.inTransaction(
          c -> {
            DatabaseMetaData meta = c.getMetaData();
            if (kind == Kind.POSTGRES) {
              assertEquals("PostgreSQL", meta.getDatabaseProductName());
              assertTrue(
                  meta.getDatabaseMajorVersion() >= TestDatabases.POSTGRES_MAJOR,
                  meta.getDatabaseProductVersion());
            } else {
              assertEquals("H2", meta.getDatabaseProductName());
            }
            return null;
          });
      List<String> history = history(db);
      assertFalse(history.isEmpty());
      assertTrue(history.stream().allMatch(row -> row.endsWith(" true")), "" + history);
    }
  }

  @DatabaseKinds
  void reopeningMigratesNothingAndKeepsTheData(Kind kind) {
    DatabaseSettings settings = TestDatabases.fresh(kind);
    List<String> history;
    try (OpenDatabase opened = OpenDatabase.open(settings)) {
      Database db = opened.database();
      db.inTransaction(c -> insertApproval(c, "debian", "1.0"));
      history = history(db);
    }

    try (OpenDatabase opened = OpenDatabase.open(settings)) {
      Database db = opened.database();
      assertEquals(history, history(db));
      assertEquals(List.of("debian 1.0"), approvals(db));
      db.inTransaction(c -> insertApproval(c, "debian", "2.0"));
      assertEquals(List.of("debian 1.0", "debian 2.0"), approvals(db));
    }
  }

  @DatabaseKinds
  void inTransactionCommitsWhenTheWorkReturns(Kind kind) {
    try (OpenDatabase opened = OpenDatabase.open(TestDatabases.fresh(kind))) {
      Database db = opened.database();
      int inserted =
          db.inTransaction(c -> insertApproval(c, "debian", "1.0") + insertApproval(c, "x", "2"));

      assertEquals(2, inserted);
      assertEquals(List.of("debian 1.0", "x 2"), approvals(db));
    }
  }

  @DatabaseKinds
  void inTransactionRollsBackEverythingWhenTheWorkThrows(Kind kind) {
    try (OpenDatabase opened = OpenDatabase.open(TestDatabases.fresh(kind))) {
      Database db = opened.database();
      IllegalStateException boom = new IllegalStateException("boom");

      IllegalStateException thrown =
          assertThrows(
              IllegalStateException.class,
              () ->
                  db.inTransaction(
                      c -> {
                        insertApproval(c, "debian", "1.0");
                        insertApproval(c, "debian", "2.0");
                        throw boom;
                      }));

      assertSame(boom, thrown);
      assertEquals(List.of(), approvals(db));
    }
  }

  @DatabaseKinds
  void anSqlErrorRollsBackAndNamesTheDatabase(Kind kind) {
    DatabaseSettings settings = TestDatabases.fresh(kind);
    try (OpenDatabase opened = OpenDatabase.open(settings)) {
      Database db = opened.database();
      db.inTransaction(c -> insertApproval(c, "debian", "1.0"));

      DatabaseException e =
          assertThrows(
              DatabaseException.class,
              () ->
                  db.inTransaction(
                      c -> {
                        insertApproval(c, "debian", "2.0");
                        return insertApproval(c, "debian", "1.0"); // duplicate key
                      }));

      assertTrue(e.getMessage().contains(settings.shown()), e.getMessage());
      assertEquals("23505", assertInstanceOf(SQLException.class, e.getCause()).getSQLState());
      assertEquals(List.of("debian 1.0"), approvals(db));
    }
  }

  @Test
  void aCommandOpensItsDatabaseOnce() throws SQLException {
    DatabaseSettings fresh = TestDatabases.fresh(Kind.H2);
    // Each connection H2 makes runs these, in a schema of their own that migrations leave alone: a
    // global temporary table lives as long as the database is open, so the first connection after
    // each opening counts one.
    DatabaseSettings counted =
        new DatabaseSettings(
            fresh.url()
                + ";INIT=CREATE SCHEMA IF NOT EXISTS probe\\;"
                + "CREATE TABLE IF NOT EXISTS probe.opened(n INT)\\;"
                + "CREATE GLOBAL TEMPORARY TABLE IF NOT EXISTS probe.open_now(n INT)\\;"
                + "INSERT INTO probe.opened SELECT 1 FROM DUAL"
                + " WHERE NOT EXISTS (SELECT 1 FROM probe.open_now)\\;"
                + "INSERT INTO probe.open_now VALUES (1)",
            fresh.user(),
            fresh.password());
    OpenDatabase.open(counted).close();
    try (Connection c = DriverManager.getConnection(counted.url(), counted.user(), "")) {
      c.createStatement().executeUpdate("DELETE FROM probe.opened");
    }

    try (OpenDatabase opened = OpenDatabase.open(counted)) {
      Database db = opened.database();
      db.inTransaction(c -> insertApproval(c, "debian", "1.0"));

      // The connection that checked the database as the command started stayed open: H2 did not
      // close its file and open it again for the command's first transaction.
      assertEquals(1, count(db, "probe.opened"));
    }
  }

  @Test
  void anUnknownKindOfUrlGivesADatabaseExceptionNamingTheDatabase() {
    DatabaseSettings settings = new DatabaseSettings("jdbc:nosuch:x", null, null);

    DatabaseException e = assertThrows(DatabaseException.class, () -> OpenDatabase.open(settings));

    assertTrue(e.getMessage().contains("jdbc:nosuch:x"), e.getMessage());
  }

  @DatabaseKinds
  void aServerThatIsNotThereGivesADatabaseExceptionNamingTheDatabase(Kind kind) throws IOException {
    int port = closedPort();
    String url =
        kind == Kind.POSTGRES
            ? "jdbc:postgresql://127.0.0.1:" + port + "/alize"
            : "jdbc:h2:tcp://127.0.0.1:" + port + "/alize";
    DatabaseSettings settings = new DatabaseSettings(url, "alize", "secret");

    DatabaseException e = assertThrows(DatabaseException.class, () -> OpenDatabase.open(settings));

    assertTrue(e.getMessage().contains(settings.shown()), e.getMessage());
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
  }

  @DatabaseKinds
  void checkConstraintsAreEnforced(Kind kind) {
    try (OpenDatabase opened = OpenDatabase.open(TestDatabases.fresh(kind))) {
      Database db = opened.database();
      long child = db.inTransaction(c -> insertChild(c, "web"));
      db.inTransaction(c -> insertDatasource(c, "debian"));
      // The valid values pass...
      db.inTransaction(c -> insertConflict(c, child, "a", "open", "blocking"));
      db.inTransaction(c -> insertChildService(c, child, "nginx", "add"));
      db.inTransaction(c -> insertOutbox(c, "webhook"));
      db.inTransaction(c -> insertServerModel(c, "debian", "m1", "active"));
      db.inTransaction(c -> insertImportRun(c, "sync", "success"));

      // ...and any other is refused.
      assertCheckViolation(kind, db, c -> insertConflict(c, child, "b", "bogus", "blocking"));
      assertCheckViolation(kind, db, c -> insertConflict(c, child, "c", "open", "bogus"));
      assertCheckViolation(kind, db, c -> insertChildService(c, child, "apache", "bogus"));
      assertCheckViolation(kind, db, c -> insertOutbox(c, "bogus"));
      assertCheckViolation(kind, db, c -> insertServerModel(c, "debian", "m2", "bogus"));
      assertCheckViolation(kind, db, c -> insertImportRun(c, "bogus", "success"));
      assertCheckViolation(kind, db, c -> insertImportRun(c, "sync", "bogus"));

      assertEquals(1L, count(db, "conflict"));
      assertEquals(1L, count(db, "child_service"));
      assertEquals(1L, count(db, "notification_outbox"));
      assertEquals(1L, count(db, "server_model"));
      assertEquals(1L, count(db, "import_run"));
    }
  }

  @DatabaseKinds
  void identityColumnsGenerateTheKeys(Kind kind) {
    try (OpenDatabase opened = OpenDatabase.open(TestDatabases.fresh(kind))) {
      Database db = opened.database();
      long first = db.inTransaction(c -> insertChild(c, "web"));
      long second = db.inTransaction(c -> insertChild(c, "db"));
      long conflict = db.inTransaction(c -> insertConflict(c, first, "a", "open", "warning"));
      long run = db.inTransaction(c -> insertImportRun(c, "import", "failed"));
      long outbox = db.inTransaction(c -> insertOutbox(c, "log"));

      assertTrue(first > 0, "" + first);
      assertTrue(second > first, first + " then " + second);
      assertTrue(conflict > 0 && run > 0 && outbox > 0, conflict + " " + run + " " + outbox);
      // The columns' defaults apply too.
      long defaults =
          db.inTransaction(
              c -> {
                try (PreparedStatement s =
                    c.prepareStatement(
                        "SELECT models_added + conflicts_closed FROM import_run WHERE id = ?")) {
                  s.setLong(1, run);
                  try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                  }
                }
              });
      assertEquals(0L, defaults);
    }
  }

  @DatabaseKinds
  void deletingAChildModelCascadesToItsRows(Kind kind) {
    try (OpenDatabase opened = OpenDatabase.open(TestDatabases.fresh(kind))) {
      Database db = opened.database();
      long child = db.inTransaction(c -> insertChild(c, "web"));
      db.inTransaction(c -> insertConflict(c, child, "a", "open", "warning"));
      db.inTransaction(c -> insertChildService(c, child, "nginx", "remove"));

      db.inTransaction(
          c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM child_model WHERE id = ?")) {
              s.setLong(1, child);
              return s.executeUpdate();
            }
          });

      assertEquals(0L, count(db, "conflict"));
      assertEquals(0L, count(db, "child_service"));
    }
  }

  // ---- the schema, as the databases see it

  /** The tables that the migration creates, lower case, in order. */
  private static List<String> migrationTables() {
    String sql;
    try (InputStream in = DatabaseTest.class.getClassLoader().getResourceAsStream(MIGRATION)) {
      assertTrue(in != null, MIGRATION + " not on the classpath");
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    List<String> tables = new ArrayList<>();
    Matcher m = Pattern.compile("(?im)^\\s*CREATE\\s+TABLE\\s+(\\w+)").matcher(sql);
    while (m.find()) {
      tables.add(m.group(1).toLowerCase(Locale.ROOT));
    }
    return tables;
  }

  /**
   * The tables of the public schema, lower case (H2 folds names to upper case, PostgreSQL lower).
   */
  private static Set<String> tables(Connection c) throws SQLException {
    Set<String> tables = new TreeSet<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT table_name FROM information_schema.tables"
                    + " WHERE LOWER(table_schema) = 'public' AND table_type = 'BASE TABLE'");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        tables.add(rs.getString(1).toLowerCase(Locale.ROOT));
      }
    }
    return tables;
  }

  /**
   * Flyway's history: one "rank version success" line per applied migration. Flyway quotes its
   * lower-case names, which H2 would otherwise fold to upper case.
   */
  private static List<String> history(Database db) {
    return db.inTransaction(
        c -> {
          List<String> rows = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT \"installed_rank\", \"version\", \"success\""
                          + " FROM \"flyway_schema_history\""
                          + " ORDER BY 1");
              ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              rows.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getBoolean(3));
            }
          }
          return rows;
        });
  }

  // ---- rows

  private static int insertApproval(Connection c, String datasource, String version)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO approval (datasource, version, approved_at, approved_by)"
                + " VALUES (?, ?, ?, ?)")) {
      s.setString(1, datasource);
      s.setString(2, version);
      s.setObject(3, NOW);
      s.setString(4, "admin");
      return s.executeUpdate();
    }
  }

  private static List<String> approvals(Database db) {
    return db.inTransaction(
        c -> {
          List<String> rows = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT datasource, version FROM approval ORDER BY datasource, version");
              ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              rows.add(rs.getString(1) + " " + rs.getString(2));
            }
          }
          return rows;
        });
  }

  private static long count(Database db, String table) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table);
              ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  /** Runs an insert and returns the generated id. */
  private static long insertReturningId(Connection c, String sql, Object... values)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql, new String[] {"id"})) {
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      assertEquals(1, s.executeUpdate());
      try (ResultSet keys = s.getGeneratedKeys()) {
        assertTrue(keys.next(), "no generated key");
        return keys.getLong(1);
      }
    }
  }

  private static long insertChild(Connection c, String name) throws SQLException {
    return insertReturningId(
        c,
        "INSERT INTO child_model (name, parent_datasource, parent_release, parent_model,"
            + " reconciled_version, reconciled_services, created_at, updated_at, updated_by)"
            + " VALUES (?, 'debian', 'bookworm', 'base', '1.0', '[]', ?, ?, 'admin')",
        name,
        NOW,
        NOW);
  }

  private static long insertConflict(
      Connection c, long child, String subject, String status, String severity)
      throws SQLException {
    return insertReturningId(
        c,
        "INSERT INTO conflict (child_id, kind, subject, severity, status, message, details,"
            + " datasource, raised_version, last_seen_version, first_seen_at, last_seen_at,"
            + " status_changed_at) VALUES (?, 'variable-changed', ?, ?, ?, 'm', '{}', 'debian',"
            + " '1.0', '1.0', ?, ?, ?)",
        child,
        subject,
        severity,
        status,
        NOW,
        NOW,
        NOW);
  }

  private static int insertChildService(Connection c, long child, String service, String action)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO child_service (child_id, service, action) VALUES (?, ?, ?)")) {
      s.setLong(1, child);
      s.setString(2, service);
      s.setString(3, action);
      return s.executeUpdate();
    }
  }

  private static long insertOutbox(Connection c, String channel) throws SQLException {
    return insertReturningId(
        c,
        "INSERT INTO notification_outbox (channel, payload, created_at, next_attempt_at)"
            + " VALUES (?, '{}', ?, ?)",
        channel,
        NOW,
        NOW);
  }

  private static int insertDatasource(Connection c, String name) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("INSERT INTO datasource (name, repository) VALUES (?, 'main')")) {
      s.setString(1, name);
      return s.executeUpdate();
    }
  }

  private static int insertServerModel(Connection c, String datasource, String name, String status)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO server_model (datasource, release_name, name, chain, services,"
                + " content_hash, source_file, status, imported_version, variable_count)"
                + " VALUES (?, 'bookworm', ?, '[]', '[]', ?, 'models/m.yaml', ?, '1.0', 0)")) {
      s.setString(1, datasource);
      s.setString(2, name);
      s.setString(3, "0".repeat(64));
      s.setString(4, status);
      return s.executeUpdate();
    }
  }

  private static long insertImportRun(Connection c, String kind, String outcome)
      throws SQLException {
    return insertReturningId(
        c,
        "INSERT INTO import_run (kind, repository, started_at, duration_ms, outcome)"
            + " VALUES (?, 'main', ?, 12, ?)",
        kind,
        NOW,
        outcome);
  }

  /** The work fails on a CHECK constraint: SQLState 23513 in H2, 23514 (check_violation) in PG. */
  private static void assertCheckViolation(Kind kind, Database db, Database.Work<?> work) {
    DatabaseException e = assertThrows(DatabaseException.class, () -> db.inTransaction(work));
    SQLException cause = assertInstanceOf(SQLException.class, e.getCause());
    assertEquals(kind == Kind.POSTGRES ? "23514" : "23513", cause.getSQLState(), e.getMessage());
  }

  /** A loopback port that nothing listens on (it was free a moment ago). */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
