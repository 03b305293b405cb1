package dev.alize.consumer.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.consumer.app.ConsumerApplication.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SchemaTest {

  private static final Pattern MIGRATION = Pattern.compile("V([1-9][0-9]*)__[a-z0-9_]+\\.sql");

  @Test
  void current_isTheHighestMigration_andEveryMigrationIsAWholeNumber() throws IOException {
    List<String> names;
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      names = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    int highest = 0;
    for (String name : names) {
      Matcher m = MIGRATION.matcher(name);
      assertTrue(m.matches(), name + " is not named V<whole number>__<description>.sql");
      highest = Math.max(highest, Integer.parseInt(m.group(1)));
    }
    assertEquals(highest, Schema.CURRENT);
  }

  @Test
  void step_saysWhatEachProcessDoes() {
    assertEquals(Schema.Step.MIGRATE, Schema.step(new SchemaState.Empty(), false, "db"));
    assertEquals(Schema.Step.USE, Schema.step(new SchemaState.At(Schema.CURRENT), false, "db"));
    assertEquals(Schema.Step.USE, Schema.step(new SchemaState.At(Schema.CURRENT), true, "db"));
    assertEquals(
        Schema.Step.MIGRATE, Schema.step(new SchemaState.At(Schema.CURRENT - 1), true, "db"));
  }

  @Test
  void step_olderSchema_aCommandSaysToMigrate() {
    DatabaseException e =
        assertThrows(
            DatabaseException.class,
            () -> Schema.step(new SchemaState.At(Schema.CURRENT - 1), false, "jdbc:h2:file:x"));
    assertEquals(
        "database jdbc:h2:file:x: its schema is at version "
            + (Schema.CURRENT - 1)
            + " and this consumer needs "
            + Schema.CURRENT
            + ": run `consumer migrate` once every replica that shares it runs this version (see"
            + " \"Upgrading\" in the consumer's guide)",
        e.getMessage());
  }

  @Test
  void step_newerSchema_refusedEvenToServe() {
    for (boolean migrates : new boolean[] {false, true}) {
      DatabaseException e =
          assertThrows(
              DatabaseException.class,
              () -> Schema.step(new SchemaState.At(Schema.CURRENT + 1), migrates, "db"));
      assertEquals(
          "database db: its schema is at version "
              + (Schema.CURRENT + 1)
              + ", newer than this consumer's "
              + Schema.CURRENT
              + ": upgrade this consumer to the version that migrated it",
          e.getMessage());
    }
  }

  @Test
  void step_failedMigration_namesItAndWhatToDo() {
    DatabaseException e =
        assertThrows(
            DatabaseException.class,
            () -> Schema.step(new SchemaState.Failed("2", "model source digest"), true, "db"));
    assertTrue(
        e.getMessage().startsWith("database db: migration 2 (model source digest) failed"),
        e.getMessage());
  }

  @DatabaseKinds
  void emptyDatabase_setUpByAnyCommand(TestDatabases.Kind kind) throws SQLException {
    DatabaseSettings settings = TestDatabases.fresh(kind);
    try (OpenDatabase opened = OpenDatabase.openAs(Role.COMMAND, settings)) {
      assertEquals(
          new SchemaChecked(new SchemaState.Empty(), Schema.Step.MIGRATE),
          opened.bean(SchemaChecked.class));
    }
    assertEquals(new SchemaState.At(Schema.CURRENT), OlderSchema.read(settings));
  }

  @DatabaseKinds
  void olderSchema_aCommandChangesNothing_migrateUpgradesIt(TestDatabases.Kind kind)
      throws SQLException {
    DatabaseSettings settings = TestDatabases.fresh(kind);
    OlderSchema.migrateTo(settings, 1);

    DatabaseException refused =
        assertThrows(
            DatabaseException.class, () -> OpenDatabase.openAs(Role.COMMAND, settings).close());
    assertTrue(refused.getMessage().contains("run `consumer migrate`"), refused.getMessage());
    assertEquals(new SchemaState.At(1), OlderSchema.read(settings));
    assertEquals(false, hasSourceDigest(settings));

    try (OpenDatabase opened = OpenDatabase.openAs(Role.MIGRATION, settings)) {
      assertEquals(
          new SchemaChecked(new SchemaState.At(1), Schema.Step.MIGRATE),
          opened.bean(SchemaChecked.class));
    }
    assertEquals(new SchemaState.At(Schema.CURRENT), OlderSchema.read(settings));
    assertEquals(true, hasSourceDigest(settings));
    try (OpenDatabase opened = OpenDatabase.openAs(Role.COMMAND, settings)) {
      assertEquals(
          new SchemaChecked(new SchemaState.At(Schema.CURRENT), Schema.Step.USE),
          opened.bean(SchemaChecked.class));
    }
  }

  @DatabaseKinds
  void newerSchema_refusedByCommandsAndServe(TestDatabases.Kind kind) throws SQLException {
    DatabaseSettings settings = TestDatabases.fresh(kind);
    OpenDatabase.openAs(Role.COMMAND, settings).close();
    OlderSchema.recordNewer(settings, Schema.CURRENT + 1);
    for (Role role : Role.values()) {
      DatabaseException e =
          assertThrows(DatabaseException.class, () -> OpenDatabase.openAs(role, settings).close());
      assertTrue(e.getMessage().contains("upgrade this consumer"), role + ": " + e.getMessage());
    }
    assertEquals(new SchemaState.At(Schema.CURRENT + 1), OlderSchema.read(settings));
  }

  @DatabaseKinds
  void schemaAt4_keepsEveryModelVariableAndCountsThem_whenMigrated(TestDatabases.Kind kind)
      throws SQLException {
    DatabaseSettings settings = TestDatabases.fresh(kind);
    OlderSchema.migrateTo(settings, 4);
    List<String> rows =
        List.of(
            "eole|2.9.0|amon|proxy_port|0|eole-proxy|3128|servermodels/2.9.0/amon.yaml",
            "eole|2.9.0|amon|server_name|1|eole-base|\"amon\"|servermodels/2.9.0/amon.yaml",
            "eole|2.9.0|scribe|server_name|0|eole-base|null|null");
    try (Connection c =
            DriverManager.getConnection(settings.url(), settings.user(), settings.password());
        Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO datasource (name, repository) VALUES ('eole', 'upstream')");
      for (String model : List.of("amon", "scribe", "eclair")) {
        s.executeUpdate(
            "INSERT INTO server_model (datasource, release_name, name, chain, services,"
                + " content_hash, source_file, status, imported_version) VALUES ('eole',"
                + " '2.9.0', '"
                + model
                + "', '[]', '[]', '"
                + "0".repeat(64)
                + "', 'f.yaml', 'active', '1.0.0')");
      }
      for (String row : rows) {
        String[] v = row.split("\\|");
        try (PreparedStatement insert =
            c.prepareStatement("INSERT INTO model_variable VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
          for (int i = 0; i < v.length; i++) {
            insert.setObject(
                i + 1, v[i].equals("null") ? null : i == 4 ? Integer.valueOf(v[i]) : v[i]);
          }
          insert.executeUpdate();
        }
      }
    }

    OpenDatabase.openAs(Role.MIGRATION, settings).close();

    assertEquals(new SchemaState.At(Schema.CURRENT), OlderSchema.read(settings));
    try (Connection c =
            DriverManager.getConnection(settings.url(), settings.user(), settings.password());
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT datasource, release_name, model, name, position, service, value_json,"
                    + " source FROM model_variable ORDER BY model, name")) {
      List<String> found = new ArrayList<>();
      while (r.next()) {
        List<String> v = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
          v.add(String.valueOf(r.getObject(i)));
        }
        found.add(String.join("|", v));
      }
      assertEquals(rows, found);
    }
    try (Connection c =
            DriverManager.getConnection(settings.url(), settings.user(), settings.password());
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT name, variable_count FROM server_model ORDER BY name")) {
      List<String> counts = new ArrayList<>();
      while (r.next()) {
        counts.add(r.getString(1) + " " + r.getInt(2));
      }
      assertEquals(List.of("amon 2", "eclair 0", "scribe 1"), counts);
    }
  }

  /** Whether V2's column exists. */
  private static boolean hasSourceDigest(DatabaseSettings settings) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(settings.url(), settings.user(), settings.password());
        ResultSet columns = c.getMetaData().getColumns(null, null, null, null)) {
      while (columns.next()) {
        if (columns.getString("COLUMN_NAME").equalsIgnoreCase("source_digest")) {
          return true;
        }
      }
      return false;
    }
  }
}
