package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.conflict.ModelRef;
import dev.alize.common.testing.Browser;
import dev.alize.common.token.TokenValue;
import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.admin.ChildDraft;
import dev.alize.consumer.app.ConsumerApplication;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.http.AdminApiServer;
import dev.alize.consumer.http.ApiServices;
import dev.alize.consumer.store.ImportRun;
import dev.alize.consumer.store.InstalledDatasource;
import dev.alize.consumer.sync.Backoff;
import dev.alize.consumer.sync.StatusStore;
import dev.alize.consumer.sync.SyncScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A held release approved in the console, in a real browser, and imported by the next sync: the
 * packaged publisher signs eole 1.0.0 then 2.0.0 (a MAJOR bump, held by the default auto-approve
 * level), a mirror serves the repository, and the consumer runs serve's own sync service, scheduler
 * and admin server over its own database.
 */
class ConsoleApprovalIT {

  private static final String PROXY = "services/2.9.0/eole-proxy.yaml";
  private static final String FILTER_PORT =
      "  filter_port:\n"
          + "    type: port\n"
          + "    default: 8080\n"
          + "    description: Port on which E2guardian listens.\n";
  private static final String CACHE = "    max: 100000\n    default: 4000\n";

  @TempDir Path temp;
  @TempDir Path profile;

  private StaticMirror mirror;
  private ConsumerContext consumer;
  private SyncScheduler scheduler;
  private AdminApiServer server;
  private Browser browser;

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
    if (scheduler != null) {
      scheduler.close();
    }
    if (consumer != null) {
      consumer.close();
    }
    if (mirror != null) {
      mirror.close();
    }
  }

  @Test
  void aHeldReleaseApprovedInTheConsole_isImportedByTheNextSync() throws Exception {
    LivePublisher publisher = LivePublisher.init(temp.resolve("publisher"));
    publisher.release("eole", "1.0.0", "stable");
    mirror = new StaticMirror(temp.resolve("mirror"));
    mirror.copy(publisher.repo());
    String token = TokenValue.generate(new SecureRandom());
    serve(publisher, token);
    assertEquals("1.0.0", eole().version());
    AdminService admin = consumer.services().admin();
    admin.createChild(
        new ChildDraft(
            "amon-dijon",
            ModelRef.parse("eole/2.9.0/amon"),
            Map.of("filter_port", "8081", "proxy_cache_mb", "6000"),
            List.of(),
            List.of(),
            "Dijon's gateway"),
        "alice");

    publisher.releaseDirectory(nextEole(), "2.0.0", "stable");
    mirror.copy(publisher.repo());
    browser = Browser.open("http://127.0.0.1:" + server.port(), profile);
    browser.go("/console/sign-in").type("#token", token).click("#sign-in");

    // The sync asked for in the console holds the MAJOR release.
    browser.click("#sync-upstream");
    assertEquals("/console/history?done=synced", browser.path());
    assertEquals("1.0.0", eole().version());
    browser.go("/console/held");
    String row = browser.text("#held-eole-2\\.0\\.0");
    assertTrue(row.contains("MAJOR release 2.0.0 needs an admin's approval"), row);
    browser.screenshot("console-held");

    browser.click("#held-eole-2\\.0\\.0 a");
    assertEquals("/console/held/eole/2.0.0", browser.path());
    String conflicts = browser.text("#conflict-table");
    assertTrue(conflicts.contains("variable-removed"), conflicts);
    assertTrue(conflicts.contains("default-changed"), conflicts);
    assertTrue(browser.text("#model-counts").contains("changed"), browser.pageText());
    browser.screenshot("console-preview");
    assertEquals("1.0.0", eole().version(), "a preview imports nothing");

    browser.click("#approve");
    assertTrue(browser.text("#approval").startsWith("approved by alice"), browser.pageText());
    browser.click("#sync-now");

    assertEquals("/console/history?done=synced", browser.path());
    assertEquals("2.0.0", eole().version());
    ImportRun imported =
        admin.imports("eole", 10).stream()
            .filter(r -> r.kind().equals("import"))
            .findFirst()
            .orElseThrow();
    assertEquals("2.0.0", imported.toVersion());
    assertTrue(browser.text("#run-" + imported.id()).contains("1.0.0 → 2.0.0"));
    browser.go("/console/held");
    assertEquals("No release is held for approval.", browser.text("#no-held"));
  }

  /** Serve's sync service, scheduler and admin server, as {@code consumer serve} makes them. */
  private void serve(LivePublisher publisher, String token) throws IOException {
    Path config =
        Files.writeString(
            Files.createDirectories(temp.resolve("site")).resolve("consumer.yml"),
            "alize:\n"
                + "  consumer:\n"
                + "    repositories:\n"
                + "      upstream:\n"
                + "        url: "
                + mirror.url()
                + "\n"
                + "        allow-plain-http: true\n"
                + "        trusted-root: "
                + publisher.trustAnchor()
                + "\n"
                + "        datasources: [eole]\n"
                + "    api:\n"
                + "      port: 0\n"
                + "      admins:\n"
                + "        alice:\n"
                + "          token-sha256: "
                + TokenValue.sha256Hex(token)
                + "\n");
    consumer = ConsumerContext.open(Optional.of(config), ConsumerApplication.Role.SERVER);
    List<Subscription> subscriptions = consumer.subscriptions();
    StatusStore statuses = consumer.application().getBean(StatusStore.class);
    // Not started: the test syncs when it asks to, not on a schedule.
    scheduler =
        new SyncScheduler(
            subscriptions,
            consumer.services().sync(),
            statuses,
            Executors.newSingleThreadScheduledExecutor(),
            Backoff.DEFAULT,
            new SplittableRandom(),
            Clock.systemUTC(),
            lines -> {});
    server =
        AdminApiServer.start(
                consumer.application(),
                new ApiServices(
                    scheduler, statuses, subscriptions, consumer.services().dispatcher()),
                config.getParent())
            .orElseThrow();
    scheduler.syncNow("upstream");
  }

  private InstalledDatasource eole() {
    return consumer.services().admin().datasources().stream()
        .filter(d -> d.name().equals("eole"))
        .findFirst()
        .orElseThrow();
  }

  /** A copy of datasources/eole without filter_port, and with proxy_cache_mb's default at 8000. */
  private Path nextEole() throws IOException {
    Path from = LivePublisher.DATASOURCES.resolve("eole");
    Path copy = temp.resolve("eole-2.0.0/eole");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = copy.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    Path proxy = copy.resolve(PROXY);
    String yaml = Files.readString(proxy);
    assertTrue(yaml.contains(FILTER_PORT) && yaml.contains(CACHE), yaml);
    Files.writeString(
        proxy,
        yaml.replace(FILTER_PORT, "").replace(CACHE, "    max: 100000\n    default: 8000\n"));
    return copy;
  }
}
