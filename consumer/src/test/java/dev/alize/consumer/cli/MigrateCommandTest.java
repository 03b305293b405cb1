package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.consumer.config.DataFolder;
import dev.alize.consumer.persistence.DatabaseSettings;
import dev.alize.consumer.persistence.OlderSchema;
import dev.alize.consumer.persistence.Schema;
import dev.alize.consumer.persistence.SchemaState;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upgrading a site: only {@code migrate} (and {@code serve}) change an existing schema. */
class MigrateCommandTest {

  @TempDir Path site;
  private Path config;
  private DatabaseSettings database;

  private static CommandRun run(Object... args) {
    return CommandRun.of(args);
  }

  @BeforeEach
  void configure() throws IOException {
    config = CommandRun.minimalSite(site);
    database = DatabaseSettings.embedded(new DataFolder(site.resolve("alize-data")));
  }

  @Test
  void olderSchema_statusSaysToMigrate_migrateUpgrades_statusThenWorks() throws SQLException {
    OlderSchema.migrateTo(database, 1);

    CommandRun status = run("status", "--config", config.toString());
    assertEquals(1, status.exit());
    assertEquals(
        "error: database "
            + database.shown()
            + ": its schema is at version 1 and this consumer needs "
            + Schema.CURRENT
            + ": run `consumer migrate` once every replica that shares it runs this version (see"
            + " \"Upgrading\" in the consumer's guide)\n",
        status.err());
    assertEquals(new SchemaState.At(1), OlderSchema.read(database));

    CommandRun migrate = run("migrate", "--config", config.toString());
    assertEquals(0, migrate.exit(), migrate.err());
    assertEquals(
        "database "
            + database.shown()
            + ": schema migrated from version 1 to version "
            + Schema.CURRENT
            + "\n",
        migrate.out());
    assertEquals(new SchemaState.At(Schema.CURRENT), OlderSchema.read(database));

    CommandRun again = run("migrate", "--config", config.toString());
    assertEquals(
        "database "
            + database.shown()
            + ": schema already at version "
            + Schema.CURRENT
            + ", nothing to migrate\n",
        again.out());
    assertEquals(0, run("status", "--config", config.toString()).exit());
  }

  @Test
  void migrateJson_saysFromAndTo() throws IOException {
    OlderSchema.migrateTo(database, 1);
    CommandRun migrate = run("migrate", "--json", "--config", config.toString());
    assertEquals(0, migrate.exit(), migrate.err());
    JsonNode answer = new ObjectMapper().readTree(migrate.out());
    assertEquals(database.shown(), answer.path("database").asText());
    assertEquals(1, answer.path("from").asInt());
    assertEquals(Schema.CURRENT, answer.path("to").asInt());
    assertEquals(true, answer.path("migrated").asBoolean());
  }

  @Test
  void newerSchema_migrateAndStatusSayToUpgrade() throws SQLException {
    assertEquals(0, run("migrate", "--config", config.toString()).exit());
    OlderSchema.recordNewer(database, Schema.CURRENT + 1);
    for (String command : new String[] {"status", "migrate"}) {
      CommandRun r = run(command, "--config", config.toString());
      assertEquals(1, r.exit(), command);
      assertEquals(
          "error: database "
              + database.shown()
              + ": its schema is at version "
              + (Schema.CURRENT + 1)
              + ", newer than this consumer's "
              + Schema.CURRENT
              + ": upgrade this consumer to the version that migrated it\n",
          r.err(),
          command);
    }
  }
}
