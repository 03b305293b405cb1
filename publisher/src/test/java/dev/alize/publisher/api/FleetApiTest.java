package dev.alize.publisher.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alize.common.report.ErrorClass;
import dev.alize.common.report.ReportOutcome;
import dev.alize.common.report.ReportSignature;
import dev.alize.common.report.SiteReport;
import dev.alize.common.testing.MutableClock;
import dev.alize.common.version.SemanticVersion;
import dev.alize.publisher.cli.PublisherCli;
import dev.alize.publisher.fleet.Enrolments;
import dev.alize.publisher.fleet.TestSites;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Site enrolment and reports against the real HTTPS server: a site enrols with a token from {@code
 * enroll}, reports, and shows in {@code stats --json}, the API and the gauges; every hostile
 * request is refused with its status, changes no figure, and is counted by reason.
 */
class FleetApiTest {

  private static final int PER_MINUTE = 5;

  /** Far more than any answer takes: a server that holds a refused request fails the test. */
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);

  @TempDir static Path temp;

  private static MutableClock clock;
  private static ApiServer api;
  private static TestSites.Member lycee;

  @BeforeAll
  static void start() throws Exception {
    clock = new MutableClock(ApiServer.NOW);
    api = ApiServer.start(temp, "    reports-per-minute: " + PER_MINUTE + "\n", clock);
    lycee = TestSites.member("Lycée Victor Hugo");
    HttpResponse<String> enrolled = enrol(lycee.enrolment(enrollCommand(lycee.label)).toBytes());
    assertEquals(201, enrolled.statusCode(), enrolled::body);
    HttpResponse<String> first = report(lycee, lycee.next(List.of(imported("1.0.0", 120))));
    assertEquals(202, first.statusCode(), first::body);
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  /** Each test in a minute of its own, so that the rate limit counts only its own reports. */
  @BeforeEach
  void nextMinute() {
    clock.advance(Duration.ofMinutes(1));
  }

  // The happy path

  @Test
  void anEnrolledSitesReport_showsInStatsTheApiAndTheGauges() throws Exception {
    JsonNode cli =
        ApiServer.json(
            cli("stats", "eole", "--json", "--config", config(), "--repo", api.repo.toString()));
    JsonNode release = cli.get("releases").get(0);
    assertEquals("1.0.0", release.get("version").asText());
    assertEquals(1, release.get("installed").asLong());
    assertEquals(120, release.get("import_ms").get("median").asLong());
    JsonNode site = null;
    for (JsonNode s : cli.get("sites")) {
      if (s.get("site").asText().equals(lycee.id)) {
        site = s;
      }
    }
    assertEquals("Lycée Victor Hugo", site.get("label").asText());
    assertEquals("1.0.0", site.get("versions").get("eole").asText());

    HttpResponse<String> byApi = get("/api/v1/stats/eole/1.0.0", api.eoleToken);
    assertEquals(200, byApi.statusCode(), byApi::body);
    // A token of another datasource reads nothing of eole's.
    assertEquals(403, get("/api/v1/stats/eole/1.0.0", api.acmeToken).statusCode());
    assertEquals(403, get("/api/v1/stats/eole", api.acmeToken).statusCode());
    assertEquals(403, get("/api/v1/stats", api.acmeToken).statusCode());
    assertEquals(release, ApiServer.json(byApi).get("releases").get(0));

    String metrics = api.get("/prometheus").body();
    assertTrue(
        metrics.contains(
            "alize_publisher_fleet_sites{datasource=\"eole\",state=\"installed\",version=\"1.0.0\"} 1.0"),
        metrics);
    assertTrue(counter(metrics, "alize_publisher_reports_accepted_total", null) >= 1, metrics);
  }

  @Test
  void stats_inText_namesEachReleaseAndSite() {
    String text = cli("stats", "eole", "--config", config(), "--repo", api.repo.toString());
    assertTrue(text.contains("eole 1.0.0 (not in the repository)\n"), text);
    assertTrue(text.contains("  installed by 50 %: unknown; by 90 %: unknown\n"), text);
    assertTrue(text.contains("Lycée Victor Hugo"), text);
    assertTrue(text.contains(lycee.id + "  last seen "), text);
  }

  @Test
  void stats_withoutARepository_tellNoReleaseDate() {
    JsonNode release =
        ApiServer.json(cli("stats", "eole", "1.0.0", "--json", "--config", config()))
            .get("releases")
            .get(0);
    assertTrue(release.get("released").isNull(), release::toString);
    assertTrue(release.get("adoption_s").get("half").isNull(), release::toString);
  }

  @Test
  void enrollAndStats_refuseBadArguments_asUsageErrors() {
    assertEquals(2, run("enroll", "two\tlines", "--config", config()).exit());
    assertEquals(2, run("enroll", "Lycée", "--valid", "soon", "--config", config()).exit());
    assertEquals(2, run("stats", "eole", "1.x", "--config", config()).exit());
    assertEquals(2, run("stats", "../eole", "--config", config()).exit());
    assertEquals(2, run("stats", "--stale", "-1d", "--config", config()).exit());
  }

  @Test
  void stats_staleBeyondItsBound_isAUsageErrorNamingTheBound() {
    for (String stale : List.of("3651d", "999999999999d")) {
      var refused = run("stats", "--stale", stale, "--config", config());
      assertEquals(2, refused.exit(), stale);
      assertTrue(refused.err().contains("--stale must be a period from 0s to 3650d"), refused::err);
    }
  }

  @Test
  void stats_staleBeyondItsBound_is400NamingTheBound() throws Exception {
    for (String stale : List.of("3651d", "999999999999d", "PT999999999999H")) {
      HttpResponse<String> refused = get("/api/v1/stats/eole?stale=" + stale, api.eoleToken);
      assertEquals(400, refused.statusCode(), stale + ": " + refused.body());
      String error = ApiServer.json(refused).get("error").asText();
      assertTrue(error.startsWith("stale= must be a period from 0s to 3650d"), error);
    }
    assertEquals(200, get("/api/v1/stats/eole?stale=3650d", api.eoleToken).statusCode());
  }

  @Test
  void stats_needAToken_andTheFleetRoutesNeedNone_whileReleasesStillDo() throws Exception {
    assertEquals(401, get("/api/v1/stats", null).statusCode());
    assertEquals(401, get("/api/v1/stats", "not-a-token-at-all-000000").statusCode());
    assertEquals(
        401,
        api.post("/api/v1/datasources/eole/releases?version=9.0.0", null, new byte[] {1})
            .statusCode());
    assertEquals(
        401, api.post("/api/v1/datasources/eole/releases/1.0.0/halt?reason=x", null).statusCode());
    // No bearer token, and none needed: refused for what the body is, not for a missing token.
    assertEquals(400, enrol("{}".getBytes(StandardCharsets.UTF_8)).statusCode());
    assertEquals(
        401, post("/api/v1/reports", Map.of(), "{}".getBytes(StandardCharsets.UTF_8)).statusCode());
  }

  // Enrolment refusals

  @Test
  void enrolment_withAUsedToken_is401() throws Exception {
    TestSites.Member site = TestSites.member("Collège Jean Moulin");
    String token = issue(site.label, Duration.ofDays(1));
    assertEquals(201, enrol(site.enrolment(token).toBytes()).statusCode());
    TestSites.Member other = TestSites.member("Collège Jean Moulin");
    refusedEnrolment(enrol(other.enrolment(token).toBytes()), 401, "bad_token");
  }

  @Test
  void enrolment_withAnUnknownToken_is401WithTheSameMessage() throws Exception {
    TestSites.Member site = TestSites.member("Mairie");
    HttpResponse<String> unknown = enrol(site.enrolment("A".repeat(43)).toBytes());
    refusedEnrolment(unknown, 401, "bad_token");
    String token = issue(site.label, Duration.ofMinutes(30));
    clock.advance(Duration.ofHours(1));
    HttpResponse<String> expired = enrol(site.enrolment(token).toBytes());
    refusedEnrolment(expired, 401, "bad_token");
    assertEquals(ApiServer.json(unknown).get("error"), ApiServer.json(expired).get("error"));
  }

  @Test
  void enrolment_underAnotherLabel_is403_andLeavesTheTokenUsable() throws Exception {
    String token = issue("École A", Duration.ofDays(1));
    TestSites.Member wrong = TestSites.member("École B");
    refusedEnrolment(enrol(wrong.enrolment(token).toBytes()), 403, "other_label");
    TestSites.Member right = TestSites.member("École A");
    assertEquals(201, enrol(right.enrolment(token).toBytes()).statusCode());
  }

  @Test
  void enrolment_ofAnIdentityAlreadyEnrolled_is409() throws Exception {
    String token = issue(lycee.label, Duration.ofDays(1));
    refusedEnrolment(enrol(lycee.enrolment(token).toBytes()), 409, "already_enrolled");
  }

  @Test
  void enrolment_malformedOrOversized_is400Or413() throws Exception {
    refusedEnrolment(enrol("not json".getBytes(StandardCharsets.UTF_8)), 400, "malformed");
    refusedEnrolment(enrol(new byte[5000]), 413, "too_large");
  }

  // Report refusals

  @Test
  void report_withAForgedSignature_is401() throws Exception {
    TestSites.Member forger = TestSites.member(lycee.label);
    byte[] body = lycee.report(1000, List.of(imported("9.9.9", 1)));
    refusedReport(
        () -> post("/api/v1/reports", headers(lycee.id, forger.sign(body)), body),
        401,
        "bad_signature");
  }

  @Test
  void report_replayed_is409() throws Exception {
    byte[] body = lycee.report(1, List.of(imported("9.9.9", 1)));
    refusedReport(() -> report(lycee, body), 409, "replay");
  }

  @Test
  void report_aboutAnotherSite_is403() throws Exception {
    TestSites.Member mallory = enrolled("Mallory");
    // Mallory signs, honestly, a report that claims to be the lycée's.
    byte[] body = lycee.report(5000, List.of(imported("9.9.9", 1)));
    refusedReport(
        () -> post("/api/v1/reports", headers(mallory.id, mallory.sign(body)), body),
        403,
        "other_site");
  }

  @Test
  void report_fromAnUnenrolledSite_is401() throws Exception {
    TestSites.Member stranger = TestSites.member("Stranger");
    refusedReport(
        () -> report(stranger, stranger.next(List.of(imported("9.9.9", 1)))), 401, "unknown_site");
    refusedReport(
        () -> post("/api/v1/reports", headers("../../not-an-identity", "x"), new byte[] {'{', '}'}),
        401,
        "unknown_site");
  }

  @Test
  void report_underAnotherLabel_is409() throws Exception {
    TestSites.Member renamed = TestSites.member("Renamed");
    byte[] body =
        new SiteReport(
                lycee.id,
                "Another name",
                6000,
                ApiServer.NOW,
                "0.1.0",
                List.of(imported("9.9.9", 1)))
            .toBytes();
    assertFalse(renamed.label.equals(lycee.label));
    refusedReport(() -> report(lycee, body), 409, "label_changed");
  }

  @Test
  void report_malformedOrWithUnknownFields_is400() throws Exception {
    byte[] broken = "{\"format\": 1,".getBytes(StandardCharsets.UTF_8);
    refusedReport(() -> report(lycee, broken), 400, "malformed");
    String good = new String(lycee.report(7000, List.of()), StandardCharsets.UTF_8);
    byte[] extra =
        good.replace("{\"format\"", "{\"secret\":\"x\",\"format\"")
            .getBytes(StandardCharsets.UTF_8);
    refusedReport(() -> report(lycee, extra), 400, "malformed");
  }

  @Test
  void report_oversized_is413_byContentLengthOrChunked() throws Exception {
    byte[] big = new byte[SiteReport.MAX_BYTES + 1];
    Arrays.fill(big, (byte) ' ');
    refusedReport(() -> report(lycee, big), 413, "too_large");
    refusedReport(
        () ->
            api.client.send(
                HttpRequest.newBuilder(api.uri("/api/v1/reports"))
                    .timeout(CLIENT_TIMEOUT)
                    .header(ReportSignature.SITE, lycee.id)
                    .header(ReportSignature.SIGNATURE, lycee.sign(big))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(big)))
                    .build(),
                HttpResponse.BodyHandlers.ofString()),
        413,
        "too_large");
  }

  @Test
  void reports_pastTheRate_are429UntilTheNextMinute() throws Exception {
    TestSites.Member busy = enrolled("Busy");
    for (int i = 0; i < PER_MINUTE; i++) {
      assertEquals(202, report(busy, busy.next(List.of(imported("1.0.0", 10)))).statusCode());
    }
    HttpResponse<String> limited =
        refusedReport(
            () -> report(busy, busy.next(List.of(imported("1.0.0", 10)))), 429, "rate_limited");
    long retry = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);
    clock.advance(Duration.ofSeconds(retry));
    assertEquals(202, report(busy, busy.next(List.of(imported("1.0.0", 10)))).statusCode());
  }

  /** Of eole 7.0.0, which no other test reports. */
  @Test
  void aCapturedReportReplayed_usesUpNothingOfTheSitesRate() throws Exception {
    TestSites.Member replayed = enrolled("Replayed");
    byte[] captured = replayed.next(List.of(imported("7.0.0", 10)));
    assertEquals(202, report(replayed, captured).statusCode());
    for (int i = 0; i < 3 * PER_MINUTE; i++) {
      assertEquals(409, report(replayed, captured).statusCode());
    }
    assertEquals(202, report(replayed, replayed.next(List.of(imported("7.0.0", 10)))).statusCode());
  }

  /** Leaves nothing of acme-monitoring behind, so that the eole token still reads every figure. */
  @Test
  void aDatasourceASiteNoLongerReports_isForgotten() throws Exception {
    TestSites.Member site = enrolled("Follower");
    SiteReport.DatasourceState acme =
        new SiteReport.DatasourceState(
            "eole-repo",
            "acme-monitoring",
            null,
            null,
            ReportOutcome.FAILED,
            SemanticVersion.parse("3.1.0"),
            ErrorClass.IMPORT,
            null,
            List.of());
    assertEquals(202, report(site, site.next(List.of(imported("7.0.0", 10), acme))).statusCode());
    assertEquals(1, failedOn("3.1.0"));

    assertEquals(202, report(site, site.next(List.of(imported("7.0.0", 10)))).statusCode());

    assertEquals(0, failedOn("3.1.0"));
  }

  /** How many sites failed on acme-monitoring {@code version}, by the statistics. */
  private static long failedOn(String version) throws Exception {
    JsonNode releases =
        ApiServer.json(get("/api/v1/stats/acme-monitoring/" + version, api.acmeToken))
            .get("releases");
    return releases.isEmpty() ? 0 : releases.get(0).path("failed").path("import").asLong();
  }

  // Helpers

  @FunctionalInterface
  private interface Request {
    HttpResponse<String> send() throws Exception;
  }

  /** Sends {@code request}, and checks its refusal changed no figure and was counted. */
  private static HttpResponse<String> refusedReport(Request request, int status, String reason)
      throws Exception {
    String before = figures();
    double counted =
        counter(api.get("/prometheus").body(), "alize_publisher_reports_refused_total", reason);
    HttpResponse<String> response = request.send();
    assertEquals(status, response.statusCode(), response::body);
    assertTrue(ApiServer.json(response).get("error").isTextual(), response::body);
    assertEquals(before, figures(), "a refused report changed the figures");
    assertEquals(
        counted + 1,
        counter(api.get("/prometheus").body(), "alize_publisher_reports_refused_total", reason));
    return response;
  }

  private static void refusedEnrolment(HttpResponse<String> response, int status, String reason)
      throws Exception {
    assertEquals(status, response.statusCode(), response::body);
    assertTrue(ApiServer.json(response).get("error").isTextual(), response::body);
    assertTrue(
        counter(api.get("/prometheus").body(), "alize_publisher_enrolments_refused_total", reason)
            >= 1);
  }

  /** The statistics, but for the time they were computed at. */
  private static String figures() throws Exception {
    JsonNode all = ApiServer.json(get("/api/v1/stats", api.eoleToken));
    return all.get("releases").toString() + all.get("sites").toString();
  }

  private static double counter(String metrics, String name, String reason) {
    String prefix = reason == null ? name + "{" : name + "{reason=\"" + reason + "\"";
    return metrics
        .lines()
        .filter(l -> l.startsWith(prefix) || (reason == null && l.startsWith(name + " ")))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static SiteReport.DatasourceState imported(String version, long millis) {
    return TestSites.imported(version, "0.9.0", millis, Map.of());
  }

  private static TestSites.Member enrolled(String label) throws Exception {
    TestSites.Member site = TestSites.member(label);
    assertEquals(
        201, enrol(site.enrolment(issue(label, Duration.ofDays(1))).toBytes()).statusCode());
    return site;
  }

  private static String issue(String label, Duration valid) {
    return api.server.context().getBean(Enrolments.class).issue(label, valid).token();
  }

  private static HttpResponse<String> enrol(byte[] body) throws Exception {
    return post("/api/v1/sites", Map.of(), body);
  }

  private static HttpResponse<String> report(TestSites.Member site, byte[] body) throws Exception {
    return post("/api/v1/reports", headers(site.id, site.sign(body)), body);
  }

  private static Map<String, String> headers(String site, String signature) {
    return Map.of(ReportSignature.SITE, site, ReportSignature.SIGNATURE, signature);
  }

  private static HttpResponse<String> post(String path, Map<String, String> headers, byte[] body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api.uri(path))
            .timeout(CLIENT_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return api.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return api.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String config() {
    return api.configFile().toString();
  }

  /** {@code enroll LABEL --json} on the server's configuration: the token it printed. */
  private static String enrollCommand(String label) {
    return ApiServer.json(cli("enroll", label, "--json", "--config", config()))
        .get("token")
        .asText();
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = PublisherCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  private static String cli(String... args) {
    Run run = run(args);
    assertEquals(0, run.exit(), () -> run.out() + "\n" + run.err());
    return run.out();
  }
}
