package dev.alize.consumer.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alize.common.codec.Hashes;
import dev.alize.common.conflict.ModelRef;
import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.admin.ChildDraft;
import dev.alize.consumer.app.ConsumerApplication;
import dev.alize.consumer.notify.NotificationSettings;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.persistence.DatabaseSettings;
import dev.alize.consumer.persistence.OpenDatabase;
import dev.alize.consumer.persistence.TestDatabases;
import dev.alize.consumer.store.ConflictStore;
import dev.alize.consumer.store.StoredChild;
import dev.alize.consumer.store.StoredConflict;
import dev.alize.consumer.update.TargetCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * One consumer instance for the importer's tests: a fresh database of the given kind, the importer
 * with a hook on its steps, the admin service, and a data folder whose target cache holds the
 * archives imported (where {@link RollbackService} looks for them), for the repository {@code
 * upstream}. Tables are read with plain JDBC, as an operator would see them.
 */
final class ImportSite implements AutoCloseable {

  static final String REPOSITORY = "upstream";
  static final String DATASOURCE = "eole";

  /** The day of every import: 2.8.1 and 2.9.0 are both supported then. */
  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  static final ModelRef AMON = new ModelRef(DATASOURCE, "2.9.0", "amon");
  static final ModelRef ECLAIR = new ModelRef(DATASOURCE, "2.9.0", "eclair");
  static final ModelRef HAPY = new ModelRef(DATASOURCE, "2.9.0", "hapy");

  /** Every table of the schema, in an order that makes snapshots easy to read. */
  static final List<String> TABLES =
      List.of(
          "datasource",
          "distribution_release",
          "service",
          "service_variable",
          "server_model",
          "model_variable",
          "child_model",
          "child_override",
          "child_service",
          "conflict",
          "import_run",
          "approval",
          "notification_outbox");

  final TestDatabases.Kind kind;
  final OpenDatabase context;
  final Database database;
  final Path dataDir;
  final DatabaseImporter importer;
  final AdminService admin;
  private volatile DatabaseImporter.Steps hook = DatabaseImporter.Steps.LOG_ONLY;

  ImportSite(TestDatabases.Kind kind, Path dataDir) {
    this(kind, TestDatabases.fresh(kind), dataDir, NotificationSettings.logOnly());
  }

  /** A consumer on the database of {@code settings}: another replica when it is shared. */
  ImportSite(
      TestDatabases.Kind kind,
      DatabaseSettings settings,
      Path dataDir,
      NotificationSettings notifications) {
    this.kind = kind;
    DatabaseImporter.Steps steps = (ds, step) -> hook.reached(ds, step);
    this.context =
        new OpenDatabase(
            ConsumerApplication.start(
                ConsumerApplication.Role.COMMAND,
                settings,
                dataDir,
                Map.of(
                    "alize.consumer.repositories." + REPOSITORY + ".url",
                    "https://models.example",
                    "alize.consumer.repositories." + REPOSITORY + ".trusted-root",
                    "root.json"),
                Clock.fixed(NOW, ZoneOffset.UTC),
                notifications,
                steps));
    this.database = context.database();
    this.dataDir = dataDir;
    this.importer = context.bean(DatabaseImporter.class);
    this.admin = context.bean(AdminService.class);
  }

  /** Called at each step of each import from now on; null for none. */
  void onStep(DatabaseImporter.Steps steps) {
    hook = steps == null ? DatabaseImporter.Steps.LOG_ONLY : steps;
  }

  RollbackService rollbackService() {
    return context.bean(RollbackService.class);
  }

  // ---- archives and imports

  static String targetPath(String version) {
    return DATASOURCE + "/" + DATASOURCE + "-" + version + ".tar.gz";
  }

  /** Where the verified archive of {@code version} is cached, as the updater stores it. */
  Path cached(String version) {
    return new TargetCache(dataDir.resolve("repositories").resolve(REPOSITORY).resolve("targets"))
        .file(targetPath(version));
  }

  /** Caches the tree's archive as the release {@code version}, and the request to import it. */
  ImportRequest request(EoleTree tree, String version) {
    return request(tree.archive(), version);
  }

  /** Caches {@code archive} as the release {@code version}, and the request to import it. */
  ImportRequest request(byte[] archive, String version) {
    Path file = cached(version);
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, archive);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ImportRequest(
        REPOSITORY, DATASOURCE, version, targetPath(version), file, Hashes.sha256Hex(archive), 1);
  }

  ImportResult importTree(EoleTree tree, String version) {
    return importer.importRelease(request(tree, version));
  }

  // ---- admins

  StoredChild child(String name, ModelRef parent, Map<String, String> set, List<String> add) {
    return admin.createChild(new ChildDraft(name, parent, set, add, List.of(), null), "alice");
  }

  /** The stored conflicts, as "child kind subject" to the conflict. */
  Map<String, StoredConflict> conflicts() {
    Map<String, StoredConflict> out = new TreeMap<>();
    admin
        .conflicts(ConflictStore.Status.ALL)
        .forEach(c -> out.put(c.child() + " " + c.kind() + " " + c.subject(), c));
    return out;
  }

  // ---- tables

  /** The rows of {@code sql}, each as column (lower case) to text, in the query's order. */
  List<Map<String, String>> rows(String sql, Object... values) {
    return database.inTransaction(c -> rows(c, sql, values));
  }

  static List<Map<String, String>> rows(Connection c, String sql, Object... values)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        List<Map<String, String>> out = new ArrayList<>();
        while (rs.next()) {
          Map<String, String> row = new LinkedHashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getString(i));
          }
          out.add(row);
        }
        return out;
      }
    }
  }

  /** One value of the first row of {@code sql}. */
  String value(String sql, Object... values) {
    List<Map<String, String>> rows = rows(sql, values);
    assertEquals(1, rows.size(), sql + ": " + rows);
    return rows.get(0).values().iterator().next();
  }

  /**
   * Waits until {@code count} writers wait: in this process for their turn at a datasource, or in
   * the database for a lock another session holds (a replica's); or until {@code ended} holds. The
   * database is asked on a connection of this site, which joins the caller's transaction.
   */
  void awaitWritersWaiting(int count, Duration patience, BooleanSupplier ended) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!ended.getAsBoolean() && writersWaiting() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(count + " writers did not wait in " + patience);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  private long writersWaiting() {
    String sql =
        kind == TestDatabases.Kind.POSTGRES
            ? "SELECT COUNT(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
    return database.writersWaiting() + Long.parseLong(value(sql));
  }

  long count(String table) {
    return Long.parseLong(value("SELECT COUNT(*) FROM " + table));
  }

  /** Every row of every table, sorted: two equal snapshots mean nothing changed. */
  Map<String, List<String>> snapshot() {
    return database.inTransaction(
        c -> {
          Map<String, List<String>> out = new LinkedHashMap<>();
          for (String table : TABLES) {
            List<String> lines = new ArrayList<>();
            rows(c, "SELECT * FROM " + table).forEach(r -> lines.add(r.toString()));
            Collections.sort(lines);
            out.put(table, lines);
          }
          return out;
        });
  }

  /** The models as "release/name status imported_version hash", by key. */
  Map<String, String> models() {
    Map<String, String> out = new TreeMap<>();
    rows("SELECT release_name, name, status, imported_version, withdrawn_version, content_hash"
            + " FROM server_model")
        .forEach(
            r ->
                out.put(
                    r.get("release_name") + "/" + r.get("name"),
                    r.get("status")
                        + " "
                        + r.get("imported_version")
                        + " "
                        + r.get("withdrawn_version")
                        + " "
                        + r.get("content_hash")));
    return out;
  }

  /** The import history, oldest first. */
  List<Map<String, String>> runs() {
    return rows(
        "SELECT kind, outcome, from_version, to_version, target_hash, models_added,"
            + " models_changed, models_removed, models_unchanged, models_withdrawn,"
            + " conflicts_raised, conflicts_closed, error FROM import_run ORDER BY id");
  }

  Map<String, String> lastRun() {
    List<Map<String, String>> runs = runs();
    return runs.get(runs.size() - 1);
  }

  @Override
  public void close() {
    context.close();
  }
}
