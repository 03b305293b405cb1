package dev.alize.consumer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.conflict.Severity;
import dev.alize.common.token.TokenValue;
import dev.alize.consumer.importer.HeldReleases;
import dev.alize.consumer.notify.OutboxDispatcher;
import dev.alize.consumer.notify.OutboxRepository;
import dev.alize.consumer.store.ConflictStore;
import dev.alize.consumer.store.HeldRelease;
import dev.alize.consumer.store.StoredConflict;
import dev.alize.consumer.sync.RepositoryStatus;
import dev.alize.consumer.sync.SyncWarning;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /prometheus}: anonymous, read-only, with the consumer's gauges read from the database
 * and the status files at scrape time. A second server over the fixture's services adds the outbox
 * dispatcher, as {@code serve} can.
 */
class AdminApiPrometheusTest {

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

  @TempDir static Path temp;

  private static ApiFixture api;
  private static AdminApiServer withDispatcher;
  private static OutboxDispatcher dispatcher;

  @BeforeAll
  static void start() throws Exception {
    api = ApiFixture.start(temp.resolve("fixture"));
    dispatcher =
        new OutboxDispatcher(
            api.database,
            api.context.getBean(OutboxRepository.class),
            List.of(),
            Clock.systemUTC());
    Path config =
        Files.writeString(
            temp.resolve("dispatcher.yml"),
            "alize.consumer.repositories.upstream.url: https://models.example\n"
                + "alize.consumer.repositories.upstream.trusted-root: root.json\n"
                + "alize.consumer.api.port: 0\n"
                + "alize.consumer.api.admins.alice.token-sha256: "
                + TokenValue.sha256Hex(api.aliceToken)
                + "\n");
    ApiServices s = api.services;
    withDispatcher =
        api.startAnother(
                config, new ApiServices(s.scheduler(), s.statuses(), s.subscriptions(), dispatcher))
            .orElseThrow();
  }

  @AfterAll
  static void stop() {
    try {
      if (withDispatcher != null) {
        withDispatcher.close();
      }
    } finally {
      if (api != null) {
        api.close();
      }
    }
  }

  /** One sample of the exposition: its name and labels. */
  private record Sample(String name, Map<String, String> labels) {}

  private static Map<Sample, Double> scrape(int port) throws Exception {
    HttpResponse<String> response =
        api.client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/prometheus"))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response::body);
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
        () -> response.headers().map().toString());
    Map<Sample, Double> samples = new HashMap<>();
    for (String line : response.body().split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertTrue(m.matches(), line);
      Map<String, String> labels = new TreeMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      samples.put(new Sample(m.group(1), labels), Double.parseDouble(m.group(3)));
    }
    return samples;
  }

  private static Double value(Map<Sample, Double> samples, String name, String... labels) {
    Map<String, String> wanted = new TreeMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    return samples.get(new Sample(name, wanted));
  }

  private static long pendingInDatabase() {
    return api.database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM notification_outbox"
                      + " WHERE delivered_at IS NULL AND attempts < ?")) {
            s.setInt(1, OutboxDispatcher.MAX_ATTEMPTS);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  @Test
  void prometheus_isAnonymous_andShowsTheConsumersGauges() throws Exception {
    long open = api.createChild("amon-metrics-open").id();
    long acknowledged = api.createChild("amon-metrics-ack").id();
    StoredConflict toAcknowledge =
        api.admin.conflicts(ConflictStore.Status.OPEN).stream()
            .filter(c -> c.childId() == acknowledged)
            .findFirst()
            .orElseThrow();
    api.admin.acknowledge(toAcknowledge.id(), "alice", "seen");
    assertTrue(
        api.admin.conflicts(ConflictStore.Status.OPEN).stream().anyMatch(c -> c.childId() == open));
    RepositoryStatus status = new RepositoryStatus();
    status.lastSuccess = Instant.now().minusSeconds(120);
    status.consecutiveFailures = 3;
    status.warnings.add(new SyncWarning(SyncWarning.Kind.UNREACHABLE, "no mirror answers"));
    api.statuses.write(ApiFixture.REPOSITORY, status);
    HeldReleases held = api.context.getBean(HeldReleases.class);
    held.record(
        ApiFixture.REPOSITORY,
        List.of("eole"),
        List.of(
            new HeldRelease(
                "eole", "99.0.0", ApiFixture.REPOSITORY, "2.0.0", "MAJOR", Instant.now())));

    Map<Sample, Double> samples;
    try {
      samples = scrape(withDispatcher.port());
    } finally {
      held.record(ApiFixture.REPOSITORY, List.of("eole"), List.of());
    }
    assertEquals(1.0, value(samples, "alize_consumer_releases_held", "datasource", "eole"));

    for (ConflictStore.Status s :
        List.of(ConflictStore.Status.OPEN, ConflictStore.Status.ACKNOWLEDGED)) {
      Map<String, Long> expected = new HashMap<>();
      api.admin.conflicts(s).forEach(c -> expected.merge(c.severity(), 1L, Long::sum));
      for (Severity severity : Severity.values()) {
        assertEquals(
            (double) expected.getOrDefault(severity.wireName(), 0L),
            value(
                samples,
                "alize_consumer_conflicts",
                "severity",
                severity.wireName(),
                "status",
                s.wireName()),
            severity + " " + s);
      }
    }
    assertEquals(
        1.0,
        value(
            samples,
            "alize_consumer_conflicts",
            "severity",
            toAcknowledge.severity(),
            "status",
            "acknowledged"));
    assertTrue(
        value(
                samples,
                "alize_consumer_conflicts",
                "severity",
                toAcknowledge.severity(),
                "status",
                "open")
            >= 1.0);

    int eoleModels = api.admin.modelCounts().get("eole");
    assertTrue(eoleModels > 0);
    assertEquals(
        (double) eoleModels, value(samples, "alize_consumer_models", "datasource", "eole"));

    double age =
        value(
            samples,
            "alize_consumer_last_success_age_seconds",
            "repository",
            ApiFixture.REPOSITORY);
    assertTrue(age >= 120 && age < 120 + 60, () -> "age " + age);
    assertEquals(
        3.0,
        value(samples, "alize_consumer_consecutive_failures", "repository", ApiFixture.REPOSITORY));
    assertEquals(
        1.0,
        value(
            samples,
            "alize_consumer_warnings",
            "kind",
            "unreachable",
            "repository",
            ApiFixture.REPOSITORY));
    assertEquals(
        0.0,
        value(
            samples,
            "alize_consumer_warnings",
            "kind",
            "expiring",
            "repository",
            ApiFixture.REPOSITORY));

    assertEquals(
        (double) pendingInDatabase(), value(samples, "alize_consumer_notifications_pending"));
    assertEquals(pendingInDatabase(), dispatcher.pending());
  }

  @Test
  void prometheus_withoutDispatcher_hasNoPendingGauge_andNaNBeforeTheFirstSuccess()
      throws Exception {
    api.statuses.write(ApiFixture.REPOSITORY, new RepositoryStatus());
    Map<Sample, Double> samples = scrape(api.server.port());
    assertTrue(
        value(
                samples,
                "alize_consumer_last_success_age_seconds",
                "repository",
                ApiFixture.REPOSITORY)
            .isNaN());
    assertEquals(
        0.0,
        value(samples, "alize_consumer_consecutive_failures", "repository", ApiFixture.REPOSITORY));
    assertFalse(
        samples.keySet().stream().anyMatch(s -> s.name().startsWith("alize_consumer_notif")),
        samples::toString);
    assertTrue(value(samples, "alize_consumer_models", "datasource", "eole") > 0);
    assertEquals(0.0, value(samples, "alize_consumer_releases_held", "datasource", "eole"));
  }

  @Test
  void prometheus_onlyAnswersGet_andTheApiStillWantsAToken() throws Exception {
    assertEquals(401, api.get("/api/v1/status", null).statusCode());
    HttpResponse<String> post = api.send("POST", "/prometheus", null, "{}");
    assertTrue(post.statusCode() >= 400 && post.statusCode() != 500, post::body);
    assertEquals(200, api.get("/health", null).statusCode());
  }
}
