package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.consumer.cli.ConsumerSite.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code consumer sync --once} against a real publisher: the packaged publisher jar run as a
 * process (the two modules never depend on each other), serving over HTTPS with its generated,
 * pinned certificate.
 */
class SyncAgainstPublisherIT {

  @TempDir static Path temp;
  private static LivePublisher publisher;

  private ConsumerSite site;

  @BeforeAll
  static void publish() throws Exception {
    publisher = LivePublisher.init(temp.resolve("publisher"));
    publisher.release("eole", "1.0.0", "stable");
    publisher.release("acme-monitoring", "1.0.0", "stable");
    publisher.serve();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (publisher != null) {
      publisher.close();
    }
  }

  @BeforeEach
  void site(TestInfo test) {
    site = new ConsumerSite(temp.resolve(test.getTestMethod().orElseThrow().getName()), publisher);
  }

  @Test
  void sync_importsTheNewestStableReleases_thenCostsOne304() throws Exception {
    Path config = site.direct();

    Run first = site.sync(config);
    assertEquals(0, first.exit(), first.err());
    assertEquals(
        List.of("opening the database of " + config + "...", "syncing upstream..."),
        first.progress());
    assertEquals(
        List.of(
            "upstream/acme-monitoring: updated (none) -> 1.0.0: 3 added, 0 changed, 0 removed, 0"
                + " unchanged; conflicts: 0 blocking, 0 warning, 0 information",
            "upstream/eole: updated (none) -> 1.0.0: 18 added, 0 changed, 0 removed, 0 unchanged;"
                + " conflicts: 0 blocking, 0 warning, 0 information"),
        first.out());
    Path cached = site.repositoryDir().resolve("targets/eole%2Feole-1.0.0.tar.gz");
    assertTrue(Files.isRegularFile(cached), "the verified archive is kept");

    double notModified = publisher.requests("304");
    double found = publisher.requests("200");
    Run second = site.sync(config);
    assertEquals(0, second.exit(), second.err());
    assertEquals(
        List.of(
            "upstream/acme-monitoring: up to date at 1.0.0", "upstream/eole: up to date at 1.0.0"),
        second.out());
    assertEquals(notModified + 1, publisher.requests("304"), "timestamp.json answered 304");
    assertEquals(found, publisher.requests("200"), "nothing else downloaded");
  }

  @Test
  void sync_fromALyingFirstMirror_usesTheHonestSecondAndReportsTheFirst() throws Exception {
    try (TamperingFront liar = TamperingFront.of(publisher)) {
      // A timestamp whose expiry is not the one signed: signatures must fail.
      liar.tamper(
          "/metadata/timestamp.json",
          honest ->
              new String(honest, StandardCharsets.UTF_8)
                  .replaceFirst("\"expires\":\"\\d{4}", "\"expires\":\"2099")
                  .getBytes(StandardCharsets.UTF_8));
      Path config =
          site.config(
              "consumer.yml",
              "url: " + liar.url(),
              "allow-plain-http: true",
              "mirrors: [\"" + publisher.url() + "\"]",
              "tls-certificate: " + publisher.certificate());

      Run run = site.sync(config);

      assertEquals(0, run.exit(), run.err());
      assertEquals(
          List.of(
              "upstream/acme-monitoring: updated (none) -> 1.0.0: 3 added, 0 changed, 0 removed, 0"
                  + " unchanged; conflicts: 0 blocking, 0 warning, 0 information",
              "upstream/eole: updated (none) -> 1.0.0: 18 added, 0 changed, 0 removed, 0 unchanged;"
                  + " conflicts: 0 blocking, 0 warning, 0 information"),
          run.out());
      String status = Files.readString(site.repositoryDir().resolve("status.json"));
      assertTrue(status.contains(liar.url().toString()), status);
      assertTrue(status.contains("valid signature(s)"), status);
    }
  }

  @Test
  void serve_syncsOnItsOwn_thenStopsCleanlyOnSigterm() throws Exception {
    // The admin API on a free port, so that no other test or service can make it fail to start.
    Path config = ConsumerSite.append(site.direct(), "api:", "  port: 0");
    Path out = temp.resolve("consumer-serve.out");
    Process serve =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target/consumer.jar").toString(),
                "serve",
                "--config",
                config.toString())
            .redirectOutput(out.toFile())
            .redirectError(temp.resolve("consumer-serve.err").toFile())
            .start();
    try {
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline
          && !Files.readString(out).contains("upstream/eole: updated")) {
        assertTrue(serve.isAlive(), () -> "serve exited: " + LivePublisher.read(out));
        Thread.sleep(200);
      }
      String printed = Files.readString(out);
      assertTrue(printed.contains("syncing 1 repository (upstream)"), printed);
      assertTrue(
          printed.contains(
              "upstream/eole: updated (none) -> 1.0.0: 18 added, 0 changed, 0 removed, 0 unchanged;"
                  + " conflicts: 0 blocking, 0 warning, 0 information"),
          printed);
      // Another process reads the embedded H2 database that serve holds open.
      Run models = ConsumerSite.run("models", "eole", "--config", config);
      assertEquals(0, models.exit(), models.err());
      assertEquals(18, models.out().size(), models.out()::toString);
      // Its metrics, without a token: models imported, notifications still to deliver.
      java.util.regex.Matcher api =
          java.util.regex.Pattern.compile("admin API on (http://127\\.0\\.0\\.1:\\d+)/api/v1")
              .matcher(printed);
      assertTrue(api.find(), printed);
      String metrics =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(api.group(1) + "/prometheus"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
      assertTrue(metrics.contains("alize_consumer_models{datasource=\"eole\"} 18.0"), metrics);
      assertTrue(metrics.contains("alize_consumer_notifications_pending "), metrics);
    } finally {
      serve.destroy();
    }
    assertTrue(
        serve.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "serve did not stop on SIGTERM");
    String status = Files.readString(site.repositoryDir().resolve("status.json"));
    assertTrue(status.contains("\"nextAttempt\" : \""), status);
  }

  @Test
  void sync_waitsForAnotherProcessSyncingTheSameRepository() throws Exception {
    Path config = site.direct();
    Path lockFile = site.repositoryDir().resolve(".lock");
    Files.createDirectories(lockFile.getParent());
    // Another process (as serve would be) holds the repository's lock for three seconds.
    Path holder = temp.resolve("HoldLock.java");
    Files.writeString(
        holder,
        "import java.nio.channels.FileChannel; import java.nio.file.*;"
            + " public class HoldLock { public static void main(String[] a) throws Exception {"
            + " try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE,"
            + " StandardOpenOption.WRITE); var l = c.lock()) { System.out.println(\"locked\");"
            + " System.out.flush(); Thread.sleep(3000);"
            + " Files.writeString(Path.of(a[1]), java.time.Instant.now().toString()); } } }");
    Process other =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                holder.toString(),
                lockFile.toString(),
                temp.resolve("released-at").toString())
            .redirectErrorStream(true)
            .start();
    try (var reader =
        new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream()))) {
      assertEquals("locked", reader.readLine());
      Run run = site.sync(config);
      assertEquals(0, run.exit(), run.err());
      java.time.Instant released =
          java.time.Instant.parse(Files.readString(temp.resolve("released-at")));
      String status = Files.readString(site.repositoryDir().resolve("status.json"));
      java.util.regex.Matcher attempt =
          java.util.regex.Pattern.compile("\"lastAttempt\" : \"([^\"]+)\"").matcher(status);
      assertTrue(attempt.find(), status);
      assertTrue(
          !java.time.Instant.parse(attempt.group(1)).isBefore(released),
          "the sync started at " + attempt.group(1) + ", before the other released at " + released);
    } finally {
      other.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }
  }
}
