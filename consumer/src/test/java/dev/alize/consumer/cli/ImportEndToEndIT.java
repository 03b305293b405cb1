package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.alize.consumer.cli.ConsumerSite.Run;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's scenario end to end: a publisher over HTTPS (the packaged jar), {@code sync --once}
 * into the embedded H2 database, a child model of {@code amon}, a new eole release that removes a
 * variable the child overrides and changes the default of another, {@code sync --once} again, the
 * conflicts stored and the e-mail received (GreenMail on 127.0.0.1); then a rollback.
 */
class ImportEndToEndIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN = "admin@example.org";

  @TempDir Path temp;
  private GreenMail smtp;
  private LivePublisher publisher;
  private Path config;

  @BeforeEach
  void start() throws Exception {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
    publisher = LivePublisher.init(temp.resolve("publisher"));
    publisher.release("eole", "1.0.0", "stable");
    publisher.serve();
    ConsumerSite site = new ConsumerSite(temp.resolve("site"), publisher);
    config =
        ConsumerSite.append(
            site.direct(),
            "notifications:",
            "  email-smtp-host: 127.0.0.1",
            "  email-smtp-port: " + smtp.getSmtp().getPort(),
            "  email-from: \"Alizé <alize@example.org>\"",
            "  email-to: [" + ADMIN + "]");
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (publisher != null) {
      publisher.close();
    }
    smtp.stop();
  }

  @Test
  void aReleaseRemovingAnOverriddenVariable_raisesABlockingConflict_mailedToTheAdmins()
      throws Exception {
    // 1.0.0: the first import.
    assertEquals(
        List.of(
            "upstream/eole: updated (none) -> 1.0.0: 18 added, 0 changed, 0 removed, 0 unchanged;"
                + " conflicts: 0 blocking, 0 warning, 0 information"),
        ok("sync", "--once").out());
    assertEquals(18, json(ok("models", "eole", "--json")).size());
    JsonNode eole = eoleStatus();
    assertEquals("1.0.0", eole.path("installed").asText(), eole::toString);
    assertEquals(18, eole.path("models").asInt(), eole::toString);
    assertEquals(
        "Alizé: eole 1.0.0 imported, no open conflict", mail(1).getSubject(), "the first import");

    // An admin's child model of amon, overriding two variables of 2.9.0's eole-proxy.
    assertEquals(
        List.of("created child model amon-dijon of eole/2.9.0/amon (reconciled with eole 1.0.0)"),
        ok(
                "child",
                "create",
                "amon-dijon",
                "--parent",
                "eole/2.9.0/amon",
                "--set",
                EoleReleases.REMOVED + "=8081",
                "--set",
                EoleReleases.CHANGED + "=6000")
            .out());

    // 2.0.0 removes filter_port and raises proxy_cache_mb's default: a MAJOR release, held.
    publisher.releaseDirectory(EoleReleases.next(temp.resolve("next")), "2.0.0", "stable");
    assertEquals(
        List.of(
            "upstream/eole: held 2.0.0: MAJOR release 2.0.0 needs an admin's approval"
                + " (auto-approve: minor): run 'consumer approve eole 2.0.0'"),
        ok("sync", "--once").out());
    assertEquals("2.0.0", eoleStatus().path("held").asText());
    MimeMessage heldMail = mail(2);
    assertEquals("Alizé: eole 1.0.0 → 2.0.0 held for an admin's approval", heldMail.getSubject());
    assertTrue(
        ((String) heldMail.getContent()).contains("consumer approve eole 2.0.0 --config FILE"));
    // Held again at the next sync, and not told again: the next e-mail is the import's.
    assertEquals(
        List.of(
            "upstream/eole: held 2.0.0: MAJOR release 2.0.0 needs an admin's approval"
                + " (auto-approve: minor): run 'consumer approve eole 2.0.0'"),
        ok("sync", "--once").out());

    List<String> preview = ok("preview", "eole").out();
    assertTrue(
        preview.get(0).contains("eole 2.0.0") && preview.get(0).contains("1.0.0"),
        preview::toString);
    assertTrue(
        preview.contains(
            "  models: 0 added, 2 changed, 0 removed, 16 unchanged, 0 withdrawn (kept for child"
                + " models)"),
        preview::toString);
    assertTrue(preview.contains("  ~ model 2.9.0/amon"), preview::toString);
    assertTrue(preview.contains("  ~ model 2.9.0/amonecole"), preview::toString);
    assertTrue(
        preview.stream()
            .anyMatch(
                l ->
                    l.startsWith(
                        "  new blocking variable-removed amon-dijon: Child model 'amon-dijon'"
                            + " overrides variable 'filter_port'")),
        preview::toString);
    assertTrue(
        preview.stream()
            .anyMatch(
                l ->
                    l.startsWith(
                        "  new warning default-changed amon-dijon: Upstream changed variable"
                            + " 'proxy_cache_mb' from 4000 to 8000")),
        preview::toString);
    assertEquals(List.of("no open conflict"), ok("conflicts").out(), "a preview stores nothing");
    assertEquals("1.0.0", eoleStatus().path("installed").asText(), "a preview imports nothing");

    assertEquals(
        List.of("approved eole 2.0.0: the next sync imports it"),
        ok("approve", "eole", "2.0.0").out());
    assertEquals(
        List.of(
            "upstream/eole: updated 1.0.0 -> 2.0.0: 0 added, 2 changed, 0 removed, 16 unchanged;"
                + " conflicts: 1 blocking, 1 warning, 0 information"),
        ok("sync", "--once").out());

    // The conflicts stored: the blocking one first.
    JsonNode conflicts = json(ok("conflicts", "--json"));
    assertEquals(2, conflicts.size(), conflicts::toString);
    JsonNode removed = conflicts.get(0);
    assertEquals("blocking", removed.path("severity").asText(), removed::toString);
    assertEquals("variable-removed", removed.path("kind").asText(), removed::toString);
    assertEquals(EoleReleases.REMOVED, removed.path("subject").asText(), removed::toString);
    assertEquals("amon-dijon", removed.path("child").asText(), removed::toString);
    assertEquals("open", removed.path("status").asText(), removed::toString);
    assertEquals("2.0.0", removed.path("raisedVersion").asText(), removed::toString);
    assertEquals("8081", removed.path("details").path("override").asText(), removed::toString);
    JsonNode changed = conflicts.get(1);
    assertEquals("warning", changed.path("severity").asText(), changed::toString);
    assertEquals("default-changed", changed.path("kind").asText(), changed::toString);
    assertEquals(EoleReleases.CHANGED, changed.path("subject").asText(), changed::toString);
    assertEquals("4000", changed.path("details").path("old").asText(), changed::toString);
    assertEquals("8000", changed.path("details").path("new").asText(), changed::toString);
    assertEquals("6000", changed.path("details").path("override").asText(), changed::toString);

    // The import recorded, with its counts.
    JsonNode imported = imports().get(0);
    assertEquals("import", imported.path("kind").asText(), imported::toString);
    assertEquals("1.0.0", imported.path("fromVersion").asText(), imported::toString);
    assertEquals("2.0.0", imported.path("toVersion").asText(), imported::toString);
    assertEquals("success", imported.path("outcome").asText(), imported::toString);
    assertEquals(2, imported.path("conflictsRaised").asInt(), imported::toString);
    JsonNode counts = imported.path("counts");
    assertEquals(0, counts.path("added").asInt(), counts::toString);
    assertEquals(2, counts.path("changed").asInt(), counts::toString);
    assertEquals(0, counts.path("removed").asInt(), counts::toString);
    assertEquals(16, counts.path("unchanged").asInt(), counts::toString);
    assertEquals(0, counts.path("withdrawn").asInt(), counts::toString);

    // The admins' e-mail: the subject names the release, the body lists the conflicts by severity.
    MimeMessage mail = mail(3);
    assertEquals(
        "Alizé: eole 1.0.0 → 2.0.0 imported, 1 blocking conflict, 1 warning", mail.getSubject());
    String body = ((String) mail.getContent()).replace("\r\n", "\n");
    long blockingId = removed.path("id").asLong();
    long warningId = changed.path("id").asLong();
    int blocking =
        body.indexOf("Blocking (1):\n  #" + blockingId + "  amon-dijon  variable-removed");
    int warning = body.indexOf("Warning (1):\n  #" + warningId + "  amon-dijon  default-changed");
    assertTrue(blocking >= 0 && warning > blocking, body);
    assertTrue(body.contains("New version:  2.0.0"), body);

    // Rollback: 1.0.0 again, pinned; its conflicts close by themselves.
    List<String> rolledBack = ok("rollback", "eole").out();
    assertEquals(1, rolledBack.size(), rolledBack::toString);
    assertTrue(
        rolledBack.get(0).startsWith("rolled back eole 2.0.0 -> 1.0.0: "), rolledBack::toString);
    assertTrue(
        rolledBack.get(0).contains("; 0 conflicts raised, 2 closed; "), rolledBack::toString);
    eole = eoleStatus();
    assertEquals("1.0.0", eole.path("installed").asText(), eole::toString);
    assertEquals("2.0.0", eole.path("pinnedBelow").asText(), eole::toString);
    assertTrue(
        ok("status")
            .out()
            .contains(
                "  eole: installed 1.0.0 (18 models), pinned by a rollback from 2.0.0 until"
                    + " approved"));
    assertEquals(List.of("upstream/eole: up to date at 1.0.0"), ok("sync", "--once").out());

    assertEquals(List.of("no open conflict"), ok("conflicts").out());
    JsonNode closed = json(ok("conflicts", "--status", "all", "--json"));
    assertEquals(2, closed.size(), closed::toString);
    for (JsonNode c : closed) {
      assertEquals("resolved", c.path("status").asText(), c::toString);
      assertEquals("1.0.0", c.path("closedVersion").asText(), c::toString);
      assertTrue(c.path("statusChangedBy").isNull(), () -> "closed by Alizé itself: " + c);
    }
    JsonNode rollback = imports().get(0);
    assertEquals("rollback", rollback.path("kind").asText(), rollback::toString);
    assertEquals("2.0.0", rollback.path("fromVersion").asText(), rollback::toString);
    assertEquals("1.0.0", rollback.path("toVersion").asText(), rollback::toString);
    assertEquals(2, rollback.path("conflictsClosed").asInt(), rollback::toString);
    assertEquals("Alizé: eole 2.0.0 → 1.0.0 rolled back, no open conflict", mail(4).getSubject());
  }

  private Run ok(Object... args) {
    List<Object> all = new ArrayList<>(List.of(args));
    all.add("--config");
    all.add(config);
    Run run = ConsumerSite.run(all.toArray());
    assertEquals(0, run.exit(), () -> List.of(args) + ": " + run.err());
    return run;
  }

  private static JsonNode json(Run run) {
    try {
      return JSON.readTree(String.join("\n", run.out()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode eoleStatus() {
    return json(ok("status", "--json")).path("upstream").path("datasources").path("eole");
  }

  /** The imports and rollbacks recorded, newest first (without the syncs). */
  private List<JsonNode> imports() {
    List<JsonNode> runs = new ArrayList<>();
    json(ok("imports", "--json"))
        .forEach(
            r -> {
              if (!r.path("kind").asText().equals("sync")) {
                runs.add(r);
              }
            });
    return runs;
  }

  /** The {@code n}th e-mail received (from 1), once received. */
  private MimeMessage mail(int n) {
    assertTrue(smtp.waitForIncomingEmail(10_000, n), () -> "e-mail " + n + " not received");
    MimeMessage[] received = smtp.getReceivedMessages();
    assertEquals(n, received.length, "one e-mail per import, to the one admin");
    return received[n - 1];
  }
}
