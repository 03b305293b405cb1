package dev.alize.consumer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.common.crypto.Ed25519SigningKey;
import dev.alize.common.report.ReportOutcome;
import dev.alize.common.report.ReportSignature;
import dev.alize.common.report.SiteReport;
import dev.alize.common.version.SemanticVersion;
import dev.alize.consumer.fetch.PinnedTrust;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The publisher's fleet: how many signed site reports {@code serve} takes per second from 64 sites
 * sending at once over HTTPS, and how long the statistics of one release take to answer on a fleet
 * of 10,000 sites with 50 releases of history. The sites are enrolled, and the history written,
 * straight into the publisher's embedded database (H2, in its automatic mixed mode, which {@code
 * serve} shares), so that the figures are of the ingestion and the query alone.
 */
final class FleetBench {

  private static final int SENDERS = 64;
  private static final int SITES = 10_000;
  private static final int RELEASES = 50;
  private static final Duration WARMUP = Duration.ofSeconds(5);
  private static final Duration WINDOW = Duration.ofSeconds(10);
  private static final int STATS_CALLS = 21;

  /** 2,000 sites reporting every 15 minutes, the scale the fleet is built for. */
  private static final double FLEET_RATE = 2_000 / (15 * 60.0);

  private static final double STATS_GOAL_MS = 100;
  private static final Pattern SERVING = Pattern.compile("on (https://127\\.0\\.0\\.1:\\d+/)");
  private static final Pattern TOKEN = Pattern.compile("(?m)^token: (\\S+)$");
  private static final Pattern TOKEN_CONFIG = Pattern.compile("(?s)(alize:.*)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private FleetBench() {}

  static List<Row> measure(BenchSettings settings, Jobs jobs)
      throws IOException, InterruptedException, GeneralSecurityException, SQLException {
    Path dir = Files.createDirectories(settings.work().resolve("fleet"));
    Path repo = dir.resolve("repo");
    Path keys = dir.resolve("keys");
    Path jar = settings.publisherJar();
    jobs.java("fleet publisher init", List.of(), jar, "init", "--repo", repo, "--keys", keys).ok();
    // The release asked about is the newest; the 49 before it are history in the database.
    SemanticVersion newest = SemanticVersion.parse("1." + RELEASES + ".0");
    jobs.java(
            "fleet publisher release",
            List.of(),
            jar,
            "release",
            settings.root().resolve("datasources/eole"),
            "--repo",
            repo,
            "--keys",
            keys,
            "--version",
            newest,
            "--channel",
            "stable")
        .ok();
    String issued =
        jobs.java(
                "fleet publisher new-token",
                List.of(),
                jar,
                "new-token",
                "--name",
                "bench",
                "--datasource",
                "eole")
            .ok()
            .out();
    Matcher token = TOKEN.matcher(issued);
    Matcher tokenConfig = TOKEN_CONFIG.matcher(issued);
    if (!token.find() || !tokenConfig.find()) {
      throw new IllegalStateException("new-token printed no token:\n" + issued);
    }
    Path config = dir.resolve("publisher.yml");
    Files.writeString(
        config,
        tokenConfig
            .group(1)
            .replace(
                "  publisher:\n",
                "  publisher:\n    data-dir: fleet\n" + "    reports-per-minute: 100000\n"));
    // The schema, made by the first command that opens the database.
    jobs.java("fleet publisher stats", List.of(), jar, "stats", "--config", config).ok();
    String url =
        "jdbc:h2:file:" + dir.resolve("fleet/fleet").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    List<Ed25519SigningKey> senders = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, "alize", "")) {
      senders.addAll(seed(c, newest));
    }
    try (Jobs.Server serve =
        jobs.serve(
            "fleet publisher serve",
            List.of(),
            jar,
            "serve",
            "--repo",
            repo,
            "--keys",
            keys,
            "--port",
            0,
            "--config",
            config)) {
      URI base = URI.create(serve.await(SERVING, Duration.ofSeconds(90)).group(1));
      SSLContext tls = PinnedTrust.of(keys.resolve("tls/server.crt.pem"));
      HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
      settings.say("Fleet: %d sites reporting at once over HTTPS", SENDERS);
      double rate = reportsPerSecond(client, base, senders);
      settings.say("Fleet: stats of one release, %,d sites and %d releases", SITES, RELEASES);
      Figure stats = stats(client, base.resolve("api/v1/stats/eole/" + newest), token.group(1));
      List<Row> rows = new ArrayList<>();
      rows.add(
          Row.absolute(
              "fleet-reports",
              "Publisher: signed site reports taken, " + SENDERS + " senders over HTTPS",
              Figure.once(rate, "reports/s"),
              String.format(Locale.ROOT, "≥ %.1f reports/s", FLEET_RATE),
              rate >= FLEET_RATE,
              "Each report signature-checked, rate-checked, parsed and stored in one transaction"
                  + " (embedded H2), then the gauges refreshed; the goal is 2,000 sites reporting"
                  + " every 15 minutes"));
      rows.add(
          Row.absolute(
              "fleet-stats",
              String.format(
                  Locale.ROOT,
                  "Publisher: stats of one release, %,d sites, %d releases of history",
                  SITES,
                  RELEASES),
              stats,
              "< " + Figure.format(STATS_GOAL_MS) + " ms",
              stats.median() < STATS_GOAL_MS,
              "GET /api/v1/stats/NAME/VERSION over HTTPS, the median of "
                  + STATS_CALLS
                  + " calls after one warm-up; embedded H2"));
      return rows;
    }
  }

  /**
   * Enrols {@link #SENDERS} sites with keys of their own, and writes a fleet of {@link #SITES}
   * sites, each with {@link #RELEASES} releases installed one after the other.
   */
  private static List<Ed25519SigningKey> seed(Connection c, SemanticVersion newest)
      throws SQLException {
    SecureRandom random = new SecureRandom();
    List<Ed25519SigningKey> keys = new ArrayList<>();
    long now = Instant.now().toEpochMilli();
    c.setAutoCommit(false);
    try (PreparedStatement site =
            c.prepareStatement(
                "INSERT INTO site (id, label, public_key, enrolled_at, last_seen) VALUES (?, ?,"
                    + " ?, ?, ?)");
        PreparedStatement state =
            c.prepareStatement(
                "INSERT INTO site_datasource (site, datasource, repository, installed, outcome,"
                    + " release_version, import_ms, reported_at) VALUES (?, 'eole', 'upstream',"
                    + " ?, ?, ?, ?, ?)");
        PreparedStatement release =
            c.prepareStatement(
                "INSERT INTO site_release (datasource, version, site, first_installed_at,"
                    + " import_ms) VALUES ('eole', ?, ?, ?, ?)")) {
      for (int i = 0; i < SITES; i++) {
        String id = String.format(Locale.ROOT, "%032x", i);
        String publicKey;
        if (i < SENDERS) {
          Ed25519SigningKey key = Ed25519SigningKey.generate(random);
          keys.add(key);
          publicKey = key.publicKey().publicValue();
        } else {
          publicKey = HexFormat.of().formatHex(new byte[32]);
        }
        site.setString(1, id);
        site.setString(2, "bench " + i);
        site.setString(3, publicKey);
        site.setLong(4, now);
        site.setLong(5, now);
        site.addBatch();
        // Nine sites in ten run the newest release; the others wait for it.
        boolean current = i % 10 != 0;
        int last = current ? RELEASES : RELEASES - 1;
        state.setString(1, id);
        state.setString(2, "1." + last + ".0");
        state.setString(3, current ? "up_to_date" : "waiting");
        state.setString(4, current ? null : newest.toString());
        state.setLong(5, 1000 + i % 500);
        state.setLong(6, now);
        state.addBatch();
        for (int r = 1; r <= last; r++) {
          release.setString(1, "1." + r + ".0");
          release.setString(2, id);
          release.setLong(3, now - (RELEASES - r) * 86_400_000L + i);
          release.setLong(4, 1000 + (i * 7L + r) % 4000);
          release.addBatch();
        }
        if (i % 500 == 499) {
          site.executeBatch();
          state.executeBatch();
          release.executeBatch();
        }
      }
      site.executeBatch();
      state.executeBatch();
      release.executeBatch();
    }
    c.commit();
    return keys;
  }

  /** Reports taken per second in {@link #WINDOW}, after {@link #WARMUP}, all senders at once. */
  private static double reportsPerSecond(HttpClient client, URI base, List<Ed25519SigningKey> keys)
      throws InterruptedException {
    URI reports = base.resolve("api/v1/reports");
    AtomicBoolean counting = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong taken = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(keys.size());
    List<Future<?>> running = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      Ed25519SigningKey key = keys.get(i);
      String id = String.format(Locale.ROOT, "%032x", i);
      String label = "bench " + i;
      running.add(
          pool.submit(
              () -> {
                long sequence = 0;
                while (!stop.get()) {
                  sequence++;
                  byte[] body = report(id, label, sequence);
                  HttpRequest request =
                      HttpRequest.newBuilder(reports)
                          .header("Content-Type", "application/json")
                          .header(ReportSignature.SITE, id)
                          .header(ReportSignature.SIGNATURE, ReportSignature.sign(key, body))
                          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                          .build();
                  int status =
                      client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                  if (counting.get()) {
                    (status == 202 ? taken : refused).incrementAndGet();
                  }
                }
                return null;
              }));
    }
    Thread.sleep(WARMUP.toMillis());
    counting.set(true);
    long t0 = System.nanoTime();
    Thread.sleep(WINDOW.toMillis());
    counting.set(false);
    double seconds = (System.nanoTime() - t0) / 1e9;
    stop.set(true);
    pool.shutdown();
    pool.awaitTermination(60, TimeUnit.SECONDS);
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("a sender failed: " + e.getCause(), e.getCause());
      }
    }
    if (refused.get() > 0) {
      throw new IllegalStateException(refused.get() + " reports refused during the measure");
    }
    return taken.get() / seconds;
  }

  private static byte[] report(String id, String label, long sequence) {
    return new SiteReport(
            id,
            label,
            sequence,
            Instant.now(),
            "bench",
            List.of(
                new SiteReport.DatasourceState(
                    "upstream",
                    "eole",
                    SemanticVersion.parse("1." + RELEASES + ".0"),
                    SemanticVersion.parse("1." + (RELEASES - 1) + ".0"),
                    ReportOutcome.UP_TO_DATE,
                    null,
                    null,
                    1200L,
                    List.of())))
        .toBytes();
  }

  /** The time of the statistics of one release over HTTPS, in milliseconds. */
  private static Figure stats(HttpClient client, URI url, String token)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(url).header("Authorization", "Bearer " + token).GET().build();
    List<Double> samples = new ArrayList<>();
    for (int i = 0; i <= STATS_CALLS; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      double ms = (System.nanoTime() - t0) / 1e6;
      if (response.statusCode() != 200
          || JSON.readTree(response.body()).at("/releases/0/sites_reporting").asInt() != SITES) {
        throw new IllegalStateException(
            "stats answered " + response.statusCode() + ": " + response.body());
      }
      if (i > 0) {
        samples.add(ms);
      }
    }
    return Figure.of(samples, "ms");
  }
}
