package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.consumer.cli.ConsumerSite.Run;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publisher down: the site still syncs from a mirror, its report waits, and arrives once the
 * publisher is back.
 */
class PublisherDownIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path temp;
  private static LivePublisher publisher;
  private static StaticMirror mirror;

  @BeforeAll
  static void publish() throws Exception {
    publisher = LivePublisher.init(temp.resolve("publisher"));
    publisher.release("eole", "1.0.0", "stable");
    publisher.serveWithFleet();
    mirror = new StaticMirror(temp.resolve("mirror"));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (publisher != null) {
      publisher.close();
    }
    if (mirror != null) {
      mirror.close();
    }
  }

  @Test
  void withThePublisherDown_aSiteSyncsFromAMirror_andItsReportArrivesLater() throws Exception {
    ConsumerSite site = new ConsumerSite(temp.resolve("site"), publisher);
    Path config =
        site.direct(
            "mirrors: [" + mirror.url() + "]",
            "allow-plain-http: true",
            "datasources: [eole]",
            "reports: true");
    ConsumerSite.append(config, "site-label: Lycée Jean Jaurès");
    String token =
        JSON.readTree(publisher.fleet("enroll", "Lycée Jean Jaurès", "--json"))
            .get("token")
            .asText();
    ok(ConsumerSite.run("enroll", "upstream", "--token", token, "--config", config));
    ok(site.sync(config));
    assertEquals("1.0.0", installed());

    publisher.release("eole", "1.1.0", "stable");
    mirror.copy(publisher.repo());
    publisher.close();

    Run down = ok(site.sync(config));
    assertEquals(
        List.of(
            "upstream/eole: updated 1.0.0 -> 1.1.0: 0 added, 0 changed, 0 removed, 18 unchanged;"
                + " conflicts: 0 blocking, 0 warning, 0 information"),
        down.out());
    JsonNode pending =
        JSON.readTree(
                String.join("\n", ok(ConsumerSite.run("site", "--config", config, "--json")).out()))
            .at("/repositories/upstream");
    assertTrue(pending.get("reportError").asText().startsWith("cannot reach "), pending::toString);

    publisher.restart();
    ok(site.sync(config));
    assertEquals("1.1.0", installed());
  }

  /** The version the publisher's statistics say the site runs. */
  private static String installed() throws Exception {
    JsonNode stats = JSON.readTree(publisher.fleet("stats", "eole", "--json"));
    JsonNode site = stats.get("sites").get(0);
    return site.get("versions").get("eole").asText();
  }

  private static Run ok(Run run) {
    assertEquals(0, run.exit(), () -> run.out() + run.err());
    return run;
  }
}
