package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.common.release.RolloutBucket;
import dev.alize.common.release.RolloutMode;
import dev.alize.common.version.SemanticVersion;
import dev.alize.consumer.cli.ConsumerSite.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A phased rollout across twenty sites, each with its own data folder, database and identity,
 * against the packaged publisher serving over HTTPS: at each step exactly the sites whose places
 * are under the plan's percentage take the release, pilot sites at once, late ones at 100 %, and
 * none newly while the rollout is halted.
 */
class RolloutAgainstPublisherIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SemanticVersion VERSION = SemanticVersion.parse("1.0.0");
  private static final int SITES = 20;
  private static final String TIMESTAMP = "/metadata/timestamp.json";

  @TempDir static Path temp;
  private static LivePublisher publisher;

  /** The sites that report to the publisher: a pilot, a late one and four phased ones. */
  private static final Set<Integer> REPORTING = Set.of(0, 2, 4, 5, 6, 7);

  /** One consumer instance: its folder, configuration, mode and identity. */
  private record Instance(int n, ConsumerSite site, Path config, RolloutMode mode, String id) {
    int bucket() {
      return RolloutBucket.of(id, "eole", VERSION);
    }

    @Override
    public String toString() {
      return "site " + n + " (" + mode + ", place " + RolloutBucket.describe(bucket()) + ")";
    }
  }

  @BeforeAll
  static void publish() throws Exception {
    publisher = LivePublisher.init(temp.resolve("publisher"));
    publisher.edit(
        "release",
        LivePublisher.DATASOURCES.resolve("eole").toAbsolutePath(),
        "--version",
        "1.0.0",
        "--channel",
        "stable",
        "--rollout",
        "20%,60%,100% every 1d");
    publisher.release("acme-monitoring", "1.0.0", "stable");
    publisher.serveWithFleet();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (publisher != null) {
      publisher.close();
    }
  }

  @Test
  void aSteppedPlan_reachesExactlyTheSitesUnderItsPercentage_andAHaltStopsNewcomers()
      throws Exception {
    List<Instance> sites = new ArrayList<>();
    for (int n = 0; n < SITES; n++) {
      RolloutMode mode = n < 2 ? RolloutMode.EARLY : n < 4 ? RolloutMode.LATE : RolloutMode.PHASED;
      ConsumerSite site = new ConsumerSite(temp.resolve("site-" + n), publisher);
      boolean reporting = REPORTING.contains(n);
      Path config =
          site.direct(
              "rollout: " + mode.wireName(), "datasources: [eole]", "reports: " + reporting);
      if (reporting) {
        ConsumerSite.append(config, "site-label: site " + n);
        String token =
            JSON.readTree(publisher.fleet("enroll", "site " + n, "--json")).get("token").asText();
        Run enrolled = ConsumerSite.run("enroll", "upstream", "--token", token, "--config", config);
        assertEquals(0, enrolled.exit(), enrolled.err());
      }
      Run identity = ConsumerSite.run("site", "--config", config, "--json");
      assertEquals(0, identity.exit(), identity.err());
      JsonNode answer = JSON.readTree(String.join("\n", identity.out()));
      assertEquals(mode.wireName(), answer.at("/repositories/upstream/rollout").asText());
      sites.add(new Instance(n, site, config, mode, answer.get("identity").asText()));
    }
    assertEquals(SITES, sites.stream().map(Instance::id).distinct().count(), "identities differ");
    Instance newcomer = sites.get(1);
    List<Instance> first = sites.stream().filter(s -> s != newcomer).toList();

    // 20 % now: the pilot site and the phased sites placed under 20 %.
    syncAll(first);
    assertInstalled(sites, s -> s == sites.get(0) || phasedUnder(s, 20));
    assertReported(sites, s -> s == sites.get(0) || phasedUnder(s, 20));
    Instance waiting =
        first.stream()
            .filter(s -> s.mode() == RolloutMode.PHASED && s.bucket() >= 2000)
            .findFirst()
            .orElseThrow();
    JsonNode status = status(waiting);
    assertEquals("1.0.0", status.get("waiting").asText());
    Instant released = Instant.parse(plan().at("/steps/0/at").asText());
    Instant expected = released.plusSeconds((waiting.bucket() < 6000 ? 1 : 2) * 86_400L);
    assertEquals(expected, Instant.parse(status.get("expectedFrom").asText()));
    assertTrue(
        status
            .get("waitingReason")
            .asText()
            .contains("this site's place is " + RolloutBucket.describe(waiting.bucket())),
        status::toString);

    // Halted: a pilot site that did not have it does not take it either.
    publisher.edit("halt", "eole", "1.0.0", "--reason", "two sites failed");
    Run refused = newcomer.site().sync(newcomer.config());
    assertEquals(
        List.of("upstream/eole: the rollout of 1.0.0 is halted by the publisher: two sites failed"),
        refused.out());
    syncAll(sites);
    assertInstalled(sites, s -> s == sites.get(0) || phasedUnder(s, 20));

    // Resumed: the pilot site takes it; the plan goes on at 20 %.
    publisher.edit("resume", "eole", "1.0.0");
    syncAll(sites);
    assertInstalled(sites, s -> s.mode() == RolloutMode.EARLY || phasedUnder(s, 20));

    publisher.edit("rollout", "eole", "1.0.0", "60%");
    syncAll(sites);
    assertInstalled(sites, s -> s.mode() == RolloutMode.EARLY || phasedUnder(s, 60));
    assertReported(sites, s -> s.mode() == RolloutMode.EARLY || phasedUnder(s, 60));

    publisher.edit("rollout", "eole", "1.0.0", "100%");
    syncAll(sites);
    assertInstalled(sites, s -> true);
    assertReported(sites, s -> true);
  }

  @Test
  void aMirror_canNeitherLiftAHaltNorBringItBack() throws Exception {
    publisher.edit("halt", "acme-monitoring", "1.0.0", "--reason", "mirror test");
    byte[] halted = Files.readAllBytes(publisher.metadata("timestamp.json"));
    String targets = newestTargets();
    ConsumerSite site = new ConsumerSite(temp.resolve("mirrored"), publisher);
    Path direct = site.direct("datasources: [acme-monitoring]");

    // A mirror that removes the halt from the signed targets: the signature no longer verifies.
    try (TamperingFront lifting =
        TamperingFront.of(publisher)
            .tamper(
                "/metadata/" + targets,
                honest ->
                    new String(honest, StandardCharsets.UTF_8)
                        .replaceFirst("\"halted\":\\{[^}]*\\},?", "")
                        .getBytes(StandardCharsets.UTF_8))) {
      Run lifted =
          site.sync(
              site.config(
                  "lifting.yml",
                  "url: " + lifting.url(),
                  "allow-plain-http: true",
                  "datasources: [acme-monitoring]"));
      assertEquals(1, lifted.exit(), lifted::toString);
      assertTrue(lifted.out().get(0).contains("targets"), lifted.out()::toString);
    }
    assertEquals(
        List.of(
            "upstream/acme-monitoring: the rollout of 1.0.0 is halted by the publisher: mirror"
                + " test"),
        site.sync(direct).out());

    publisher.edit("resume", "acme-monitoring", "1.0.0");
    Run resumed = site.sync(direct);
    assertTrue(
        resumed.out().get(0).startsWith("upstream/acme-monitoring: updated (none) -> 1.0.0"));

    // A mirror that serves the timestamp of the halt again: a rollback, refused.
    try (TamperingFront back = TamperingFront.of(publisher).serve(TIMESTAMP, halted)) {
      Run rolledBack =
          site.sync(
              site.config(
                  "back.yml",
                  "url: " + back.url(),
                  "allow-plain-http: true",
                  "datasources: [acme-monitoring]"));
      assertEquals(1, rolledBack.exit());
      assertTrue(rolledBack.out().get(0).contains("rollback of timestamp"), rolledBack::toString);
    }
    assertEquals(List.of("upstream/acme-monitoring: up to date at 1.0.0"), site.sync(direct).out());
  }

  /** The name of the newest {@code N.targets.json} the publisher wrote. */
  private static String newestTargets() throws Exception {
    try (var files = Files.list(publisher.repo().resolve("metadata"))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.matches("\\d+\\.targets\\.json"))
          .max(java.util.Comparator.comparingLong(n -> Long.parseLong(n.split("\\.")[0])))
          .orElseThrow();
    }
  }

  private static boolean phasedUnder(Instance s, int percent) {
    return s.mode() == RolloutMode.PHASED && s.bucket() < percent * RolloutBucket.PER_PERCENT;
  }

  private static void syncAll(List<Instance> sites) {
    for (Instance s : sites) {
      Run run = s.site().sync(s.config());
      assertEquals(0, run.exit(), () -> s + ": " + run.err());
    }
  }

  /** Asserts that exactly the sites {@code expected} accepts have the release installed. */
  private static void assertInstalled(List<Instance> sites, Predicate<Instance> expected)
      throws Exception {
    Set<String> want = new TreeSet<>();
    Set<String> have = new TreeSet<>();
    for (Instance s : sites) {
      if (expected.test(s)) {
        want.add(s.toString());
      }
      JsonNode installed = status(s).get("installed");
      if (installed != null && installed.asText().equals("1.0.0")) {
        have.add(s.toString());
      }
    }
    assertEquals(want, have);
  }

  /**
   * Asserts that the publisher's statistics of eole 1.0.0 count, among the reporting sites, those
   * {@code installed} accepts as running it and the others as waiting for their turn.
   */
  private static void assertReported(List<Instance> sites, Predicate<Instance> installed)
      throws Exception {
    List<Instance> reporting = sites.stream().filter(s -> REPORTING.contains(s.n())).toList();
    long expected = reporting.stream().filter(installed).count();
    JsonNode stats =
        JSON.readTree(
            publisher.fleet("stats", "eole", "1.0.0", "--json", "--repo", publisher.repo()));
    JsonNode release = stats.at("/releases/0");
    assertEquals(reporting.size(), release.get("sites_reporting").asInt(), stats::toString);
    assertEquals(expected, release.get("installed").asLong(), stats::toString);
    assertEquals(reporting.size() - expected, release.get("waiting").asLong(), stats::toString);
  }

  /** The status of eole at a site. */
  private static JsonNode status(Instance s) throws Exception {
    Run run = ConsumerSite.run("status", "--config", s.config(), "--json");
    assertEquals(0, run.exit(), run.err());
    return JSON.readTree(String.join("\n", run.out())).at("/upstream/datasources/eole");
  }

  /** The signed plan of eole 1.0.0, as the publisher lists it. */
  private static JsonNode plan() throws Exception {
    JsonNode list = JSON.readTree(publisher.run("list", "--repo", publisher.repo(), "--json"));
    for (JsonNode release : list.get("releases")) {
      if (release.get("datasource").asText().equals("eole")) {
        return release.get("rollout");
      }
    }
    throw new AssertionError("eole is not listed: " + list);
  }
}
