package dev.alize.consumer.cli;

import static java.nio.file.StandardOpenOption.APPEND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.consumer.config.DataFolder;
import dev.alize.consumer.persistence.DatabaseSettings;
import dev.alize.consumer.persistence.OpenDatabase;
import dev.alize.consumer.store.ApprovalRepository;
import dev.alize.consumer.sync.RepositoryStatus;
import dev.alize.consumer.sync.StatusStore;
import dev.alize.consumer.sync.SyncedReleases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusAndApproveCommandTest {

  @TempDir Path site;
  private Path config;

  private static CommandRun run(Object... args) {
    return CommandRun.of(args);
  }

  @BeforeEach
  void configure() throws IOException {
    config = CommandRun.minimalSite(site);
  }

  private StatusStore store() {
    return new StatusStore(new DataFolder(site.resolve("alize-data")));
  }

  /** The approvals, as {@code NAME VERSION}, in the database the configuration names. */
  private Set<String> approvals() {
    DataFolder folder = new DataFolder(site.resolve("alize-data"));
    try (OpenDatabase opened =
        OpenDatabase.open(DatabaseSettings.embedded(folder), folder.root())) {
      return opened.bean(ApprovalRepository.class).releases();
    }
  }

  private void recordHeldRelease() {
    RepositoryStatus status = new RepositoryStatus();
    status.lastSuccess = Instant.parse("2030-01-01T00:00:00Z");
    status.lastAttempt = status.lastSuccess;
    status.nextAttempt = Instant.parse("2030-01-01T00:15:00Z");
    status.badMirrors.put("https://mirror.example", "timestamp: 0 valid signature(s)");
    RepositoryStatus.DatasourceStatus eole = status.datasource("eole");
    eole.installed = "1.4.0";
    eole.held = "2.0.0";
    eole.heldReason = "MAJOR release 2.0.0 needs an admin's approval";
    store().write("upstream", status);
  }

  @Test
  void status_printsWhatTheLastSyncLeft() {
    recordHeldRelease();
    CommandRun run = run("status", "--config", config);
    assertEquals(0, run.exit(), run.err());
    assertEquals(
        List.of(
            "upstream: last success 2030-01-01T00:00:00Z, last attempt 2030-01-01T00:00:00Z, next"
                + " attempt 2030-01-01T00:15:00Z",
            "  mirror https://mirror.example misbehaved: timestamp: 0 valid signature(s)",
            "  eole: installed 1.4.0, held 2.0.0: MAJOR release 2.0.0 needs an admin's approval"),
        run.out().lines().toList());
  }

  @Test
  void status_textFromUpstream_cannotForgeALineNorRewriteTheTerminal() {
    RepositoryStatus status = new RepositoryStatus();
    RepositoryStatus.DatasourceStatus eole = status.datasource("eole");
    eole.installed = "1.4.0";
    eole.deprecation = "old\nupstream: last success 2030-01-01T00:00:00Z\u001b[2J \u202Efdp.exe";
    store().write("upstream", status);
    CommandRun run = run("status", "--config", config);
    assertEquals(0, run.exit(), run.err());
    assertEquals(
        List.of(
            "upstream: last success never, last attempt never, next attempt when serve runs",
            "  eole: installed 1.4.0, deprecated: old\\u000Aupstream: last success"
                + " 2030-01-01T00:00:00Z\\u001B[2J \\u202Efdp.exe"),
        run.out().lines().toList());
  }

  @Test
  void status_beforeAnySync_saysNever() {
    CommandRun run = run("status", "--config", config);
    assertEquals(
        List.of("upstream: last success never, last attempt never, next attempt when serve runs"),
        run.out().lines().toList());
  }

  @Test
  void statusJson_givesEachRepository() throws IOException {
    recordHeldRelease();
    CommandRun run = run("status", "--config", config, "--json");
    assertEquals(0, run.exit(), run.err());
    JsonNode eole =
        new ObjectMapper().readTree(run.out()).path("upstream").path("datasources").path("eole");
    assertEquals("1.4.0", eole.path("installed").asText());
    assertEquals("2.0.0", eole.path("held").asText());
  }

  /** What a sync of upstream leaves when it publishes eole 2.0.0. */
  private void syncEole200() {
    SyncedReleases.store(
        new DataFolder(site.resolve("alize-data")), "upstream", Instant.now(), "eole 2.0.0");
  }

  @Test
  void approve_recordsTheReleaseForTheNextSync() {
    syncEole200();
    CommandRun run = run("approve", "eole", "2.0.0", "--config", config);
    assertEquals(0, run.exit(), run.err());
    assertEquals("approved eole 2.0.0: the next sync imports it\n", run.out());
    assertEquals(Set.of("eole 2.0.0"), approvals());
  }

  @Test
  void approveWithdraw_removesTheApproval_andAMissingOneIsAnError() {
    syncEole200();
    assertEquals(0, run("approve", "eole", "2.0.0", "--config", config).exit());
    CommandRun withdrawn = run("approve", "eole", "2.0.0", "--withdraw", "--config", config);
    assertEquals(0, withdrawn.exit(), withdrawn.err());
    assertEquals(
        "withdrew the approval of eole 2.0.0: the next sync holds it again\n", withdrawn.out());
    assertEquals(Set.of(), approvals());

    CommandRun again = run("approve", "eole", "2.0.0", "--withdraw", "--config", config);
    assertEquals(1, again.exit());
    assertEquals("", again.out());
    assertEquals(
        List.of("error: no approval of eole 2.0.0 to withdraw"), again.err().lines().toList());
  }

  @Test
  void approve_ofAReleaseNoRepositoryPublishes_isAnError_andRecordsNothing() {
    syncEole200();
    for (String[] release : new String[][] {{"eole", "3.0.0"}, {"acme", "2.0.0"}}) {
      CommandRun run = run("approve", release[0], release[1], "--config", config);
      assertEquals(1, run.exit());
      assertEquals("", run.out());
      assertEquals(
          List.of(
              "error: no release "
                  + release[0]
                  + " "
                  + release[1]
                  + " in the signed metadata the last successful sync verified: approve a"
                  + " release that a configured repository publishes, after a sync"),
          run.err().lines().toList());
    }
    assertEquals(Set.of(), approvals());
  }

  @Test
  void approve_beforeAnySync_isAnError() {
    CommandRun run = run("approve", "eole", "2.0.0", "--config", config);
    assertEquals(1, run.exit());
    assertTrue(run.err().startsWith("error: no release eole 2.0.0 in the signed metadata"));
    assertEquals(Set.of(), approvals());
  }

  @Test
  void approve_refusesWhatIsNotAVersion() {
    CommandRun run = run("approve", "eole", "two", "--config", config);
    assertEquals(2, run.exit());
    assertTrue(run.err().startsWith("usage error: "), run.err());
    assertTrue(run.err().contains("'two' is not a version"), run.err());
    assertEquals(Set.of(), approvals());
  }

  @Test
  void missingConfiguration_isOneLineAndExit1() {
    CommandRun run = run("status", "--config", site.resolve("nope.yml"));
    assertEquals(1, run.exit());
    assertEquals(
        List.of(
            "configuration error: " + site.resolve("nope.yml") + ": no such configuration file"),
        run.err().lines().toList());
  }

  @Test
  void misspeltSection_isOneLineAndExit1() throws IOException {
    Files.writeString(
        config, "    databse:\n      url: jdbc:postgresql://db.example/alize\n", APPEND);
    CommandRun run = run("status", "--config", config);
    assertEquals(1, run.exit());
    assertEquals("", run.out());
    assertEquals(
        List.of(
            "configuration error: alize.consumer.databse.url: unknown key; did you mean"
                + " alize.consumer.database.url?"),
        run.err().lines().toList());
  }

  @Test
  void unsetVariable_isOneLineNamingTheKeyAndTheVariable_andOpensNoDatabase() throws IOException {
    Files.writeString(
        config,
        "    database:\n"
            + "      url: jdbc:postgresql://127.0.0.1:1/alize\n"
            + "      password: ${ALIZE_TEST_NEVER_SET_PASSWORD}\n",
        APPEND);
    CommandRun run = run("status", "--config", config);
    assertEquals(1, run.exit());
    assertEquals("", run.out());
    assertEquals(
        List.of(
            "configuration error: alize.consumer.database.password: the environment variable"
                + " ALIZE_TEST_NEVER_SET_PASSWORD is not set"),
        run.err().lines().toList());
  }

  @Test
  void valueOfTheWrongType_isOneLineAndExit1() throws IOException {
    Files.writeString(config, "        poll-interval: often\n", APPEND);
    CommandRun run = run("status", "--config", config);
    assertEquals(1, run.exit());
    assertEquals("", run.out());
    assertEquals(
        List.of(
            "configuration error: alize.consumer.repositories.upstream.poll-interval: 'often' is"
                + " not a period: write 365d, 12h, 15m, 45s or ISO-8601 such as P7D"),
        run.err().lines().toList());
  }

  @Test
  void unreadableConfiguration_namesTheFile() throws IOException {
    Files.writeString(config, "alize: [unclosed\n");
    CommandRun run = run("status", "--config", config);
    assertEquals(1, run.exit());
    assertTrue(
        run.err().startsWith("configuration error: cannot read the configuration file " + config),
        run.err());
  }
}
