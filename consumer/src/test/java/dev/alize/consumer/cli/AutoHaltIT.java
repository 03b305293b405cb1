package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.alize.common.notify.WebhookSender;
import dev.alize.consumer.cli.ConsumerSite.Run;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publisher halts a rollout by itself: two sites whose admins overrode a variable that a new
 * release removes report a blocking conflict each, the datasource's halt policy is passed, the
 * publisher halts the release and tells the maintainers' webhook, and the other sites never take it
 * until a maintainer resumes it.
 */
class AutoHaltIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "maintainers-hook-secret";

  @TempDir static Path temp;
  private static LivePublisher publisher;
  private static HttpServer hook;
  private static final BlockingQueue<String> notices = new LinkedBlockingQueue<>();

  @BeforeAll
  static void publish() throws Exception {
    hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    hook.createContext(
        "/hook",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          boolean signed =
              WebhookSender.signature(body, SECRET)
                  .equals(exchange.getRequestHeaders().getFirst(WebhookSender.SIGNATURE_HEADER));
          if (signed) {
            notices.add(new String(body, StandardCharsets.UTF_8));
          }
          exchange.sendResponseHeaders(signed ? 204 : 401, -1);
          exchange.close();
        });
    hook.start();
    publisher = LivePublisher.init(temp.resolve("publisher"));
    publisher.release("eole", "1.0.0", "stable");
    publisher.serveWithFleet(
        "halt-policies:",
        "  eole:",
        "    min-sites: 2",
        "    max-blocking-percent: 20",
        "notifications:",
        "  webhook-url: http://127.0.0.1:" + hook.getAddress().getPort() + "/hook",
        "  webhook-secret: " + SECRET);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (publisher != null) {
      publisher.close();
    }
    if (hook != null) {
      hook.stop(0);
    }
  }

  @Test
  void blockingConflictsPastThePolicy_haltTheRollout_untilAMaintainerResumesIt() throws Exception {
    List<Path> sites = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      ConsumerSite site = new ConsumerSite(temp.resolve("site-" + n), publisher);
      Path config = site.direct("auto-approve: major", "reports: true");
      ConsumerSite.append(config, "site-label: site " + n);
      String token =
          JSON.readTree(publisher.fleet("enroll", "site " + n, "--json")).get("token").asText();
      ok(ConsumerSite.run("enroll", "upstream", "--token", token, "--config", config));
      ok(ConsumerSite.run("sync", "--once", "--config", config));
      sites.add(config);
    }
    // The admins of sites 0 and 1 override a variable that 2.0.0 removes.
    for (Path config : sites.subList(0, 2)) {
      ok(
          ConsumerSite.run(
              "child",
              "create",
              "amon-local",
              "--parent",
              "eole/2.9.0/amon",
              "--set",
              EoleReleases.REMOVED + "=8081",
              "--config",
              config));
    }
    publisher.releaseDirectory(EoleReleases.next(temp.resolve("next")), "2.0.0", "stable");

    // One site with a blocking conflict is below the policy's two sites: the rollout goes on.
    assertTrue(sync(sites.get(0)).startsWith("upstream/eole: updated 1.0.0 -> 2.0.0"));
    assertTrue(sync(sites.get(1)).startsWith("upstream/eole: updated 1.0.0 -> 2.0.0"));

    String notice = notices.poll(30, TimeUnit.SECONDS);
    assertTrue(notice != null, "the maintainers' webhook received no notice");
    JsonNode halt = JSON.readTree(notice);
    assertEquals("rollout-halted", halt.get("event").asText());
    assertEquals("eole", halt.get("datasource").asText());
    assertEquals("2.0.0", halt.get("version").asText());
    assertEquals(
        "halted by policy: 2 of 2 sites (100.0%) that run it have a blocking conflict, above the"
            + " policy's 20%",
        halt.get("reason").asText());
    JsonNode audit =
        JSON.readTree(
            publisher.run("audit", "--repo", publisher.repo(), "--action", "halt", "--json"));
    assertEquals("alize-publisher (halt policy)", audit.get(0).get("actor").asText());

    for (Path config : sites.subList(2, 5)) {
      assertEquals(
          "upstream/eole: up to date at 1.0.0 (the rollout of 2.0.0 is halted by the publisher:"
              + " halted by policy: 2 of 2 sites (100.0%) that run it have a blocking conflict,"
              + " above the policy's 20%)",
          sync(config));
    }

    publisher.edit("resume", "eole", "2.0.0");
    for (Path config : sites.subList(2, 5)) {
      assertTrue(sync(config).startsWith("upstream/eole: updated 1.0.0 -> 2.0.0"));
    }
    // The sites still blocked report again: the policy halted this release once, and leaves it.
    assertEquals("upstream/eole: up to date at 2.0.0", sync(sites.get(0)));
    assertTrue(notices.isEmpty(), () -> "a second notice: " + notices);
    JsonNode answer =
        JSON.readTree(
            publisher.fleet("stats", "eole", "2.0.0", "--json", "--repo", publisher.repo()));
    JsonNode stats = answer.at("/releases/0");
    assertEquals(5, stats.get("installed").asInt(), stats::toString);
    // The release's record: its history from the audit log, the policy's halt among it.
    List<String> history = new ArrayList<>();
    answer
        .at("/record/history")
        .forEach(e -> history.add(e.get("action").asText() + " by " + e.get("actor").asText()));
    assertEquals(
        List.of(
            "release by " + System.getProperty("user.name"),
            "halt by alize-publisher (halt policy)",
            "resume by " + System.getProperty("user.name")),
        history);
  }

  private static String sync(Path config) {
    Run run = ok(ConsumerSite.run("sync", "--once", "--config", config));
    assertEquals(1, run.out().size(), run.out()::toString);
    return run.out().get(0);
  }

  private static Run ok(Run run) {
    assertEquals(0, run.exit(), () -> run.out() + run.err());
    return run;
  }
}
