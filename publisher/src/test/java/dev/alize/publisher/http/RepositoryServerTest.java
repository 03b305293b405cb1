package dev.alize.publisher.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.tls.ServerCertificate;
import dev.alize.common.tls.ServerCertificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real server over HTTPS on 127.0.0.1, through a client that trusts only its certificate. */
class RepositoryServerTest {

  private static final String IMMUTABLE = "public, max-age=31536000, immutable";

  @TempDir static Path temp;

  private static TestRepository repository;
  private static ServerCertificate certificate;
  private static PublisherServer server;
  private static SSLContext pinned;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    repository = TestRepository.create(temp);
    Path keys = temp.resolve("keys");
    certificate =
        ServerCertificates.loadOrCreate(
            keys.resolve("tls"), ServerSettings.CERTIFICATE_ORGANIZATION, Clock.systemUTC());
    server =
        PublisherServer.start(
            new ServerSettings(repository.repo, keys, "127.0.0.1", 0, certificate));
    pinned = PinnedClients.trusting(certificate.leaf());
    client = PinnedClients.httpClient(pinned);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static URI uri(String path) {
    return URI.create("https://127.0.0.1:" + server.port() + path);
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> head(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(path))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  @Test
  void timestamp_isServedWithAStrongEtag_thenNotModified() throws Exception {
    HttpResponse<String> first = get("/metadata/timestamp.json");
    assertEquals(200, first.statusCode());
    assertEquals(TestRepository.metadata(TestRepository.TIMESTAMP_EXPIRES), first.body());
    String etag = header(first, "ETag");
    assertEquals(
        '"' + TestRepository.sha256(first.body().getBytes(StandardCharsets.UTF_8)) + '"', etag);

    HttpResponse<String> second = get("/metadata/timestamp.json", "If-None-Match", etag);
    assertEquals(304, second.statusCode());
    assertEquals("", second.body());
    assertEquals(etag, header(second, "ETag"));
    assertEquals("no-cache", header(second, "Cache-Control"));
  }

  @Test
  void ifNoneMatch_starAndListsAndWeakTags_matchToo() throws Exception {
    String etag = header(get("/metadata/timestamp.json"), "ETag");
    assertEquals(304, get("/metadata/timestamp.json", "If-None-Match", "*").statusCode());
    assertEquals(
        304, get("/metadata/timestamp.json", "If-None-Match", "\"other\", W/" + etag).statusCode());
    assertEquals(200, get("/metadata/timestamp.json", "If-None-Match", "\"other\"").statusCode());
  }

  @Test
  void head_hasTheHeadersButNoBody() throws Exception {
    HttpResponse<String> response = head("/targets/" + TestRepository.TARGET);
    assertEquals(200, response.statusCode());
    assertEquals("", response.body());
    assertEquals(
        Integer.toString(TestRepository.ARCHIVE.length), header(response, "Content-Length"));
    assertEquals("application/gzip", header(response, "Content-Type"));
    assertEquals(
        '"' + TestRepository.sha256(TestRepository.ARCHIVE) + '"', header(response, "ETag"));
    assertEquals(IMMUTABLE, header(response, "Cache-Control"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/metadata/timestamp.json|application/json|no-cache",
        "/metadata/root.json|application/json|no-cache",
        "/metadata/2.root.json|application/json|" + IMMUTABLE,
        "/metadata/1.snapshot.json|application/json|" + IMMUTABLE,
        "/targets/eole/NOTES.txt|application/octet-stream|no-cache"
      })
  void contentTypeAndCacheControl_followTheKindOfFile(String row) throws Exception {
    String[] expected = row.split("\\|");
    HttpResponse<String> response = get(expected[0]);
    assertEquals(200, response.statusCode());
    assertEquals(expected[1], header(response, "Content-Type"));
    assertEquals(expected[2], header(response, "Cache-Control"));
    assertEquals(
        Integer.toString(response.body().getBytes(StandardCharsets.UTF_8).length),
        header(response, "Content-Length"));
  }

  @Test
  void target_isServedWhole() throws Exception {
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(uri("/targets/" + TestRepository.TARGET)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, response.statusCode());
    assertEquals(
        TestRepository.sha256(TestRepository.ARCHIVE), TestRepository.sha256(response.body()));
    assertEquals(IMMUTABLE, header(response, "Cache-Control"));
  }

  @Test
  void datesOfTheFileAndOfItsPolicy_areHttpDates() throws Exception {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    HttpResponse<String> revalidated = get("/metadata/timestamp.json");
    HttpResponse<String> immutable = get("/metadata/2.root.json");
    Instant after = Instant.now();
    Pattern httpDate =
        Pattern.compile("[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
    for (HttpResponse<String> response : List.of(revalidated, immutable)) {
      assertTrue(
          httpDate.matcher(header(response, "Expires")).matches(),
          response.headers().map().toString());
      assertTrue(httpDate.matcher(header(response, "Last-Modified")).matches());
    }
    assertEquals(
        Files.getLastModifiedTime(repository.metadata("timestamp.json"))
            .toInstant()
            .truncatedTo(ChronoUnit.SECONDS),
        httpDate(revalidated, "Last-Modified"));
    Instant expires = httpDate(revalidated, "Expires");
    assertFalse(expires.isBefore(before) || expires.isAfter(after), expires.toString());
    Instant year = httpDate(immutable, "Expires").minus(Duration.ofDays(365));
    assertFalse(year.isBefore(before) || year.isAfter(after), year.toString());
  }

  @Test
  void metadataLargerThanKeptInMemory_isStreamedWhole() throws Exception {
    byte[] large = new byte[SmallFileCache.MAX_FILE_BYTES * 3 + 17];
    Arrays.fill(large, (byte) ' ');
    Files.write(repository.metadata("large.json"), large);
    for (int i = 0; i < 2; i++) {
      HttpResponse<byte[]> response =
          client.send(
              HttpRequest.newBuilder(uri("/metadata/large.json")).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, response.statusCode());
      assertArrayEquals(large, response.body());
      assertEquals(Integer.toString(large.length), header(response, "Content-Length"));
    }
  }

  @Test
  void metadataReplacedByRename_isServedAnew() throws Exception {
    Path latest = repository.metadata("latest.json");
    Files.writeString(latest, "{\"version\":1}");
    HttpResponse<String> first = get("/metadata/latest.json");
    assertEquals("{\"version\":1}", first.body());
    Path next = repository.metadata(".latest.json.tmp");
    Files.writeString(next, "{\"version\":2}");
    Files.setLastModifiedTime(next, Files.getLastModifiedTime(latest));
    Files.move(next, latest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    HttpResponse<String> second = get("/metadata/latest.json");
    assertEquals("{\"version\":2}", second.body());
    assertFalse(header(first, "ETag").equals(header(second, "ETag")));
    assertEquals(
        304, get("/metadata/latest.json", "If-None-Match", header(second, "ETag")).statusCode());
  }

  private static Instant httpDate(HttpResponse<?> response, String name) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.parse(header(response, name), Instant::from);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/metadata/../audit.log",
        "/metadata/%2e%2e%2faudit.log",
        "/metadata/%2E%2E%2Faudit.log",
        "/metadata/%2e%2e/audit.log",
        "/metadata/..%5caudit.log",
        "/metadata/..\\audit.log",
        "/metadata/audit.log%00.json",
        "/metadata/audit.json",
        "/metadata/outside.json",
        "/targets/..%2faudit.log",
        "/targets/eole/..%2f..%2faudit.log",
        "/targets/eole/../../audit.log",
        "/targets/%2e%2e/%2e%2e/audit.log",
        "/targets/eole/escape/outside.txt",
        "/targets/eole/escape/repo/audit.log",
        "/targets//audit.log",
        "/audit.log",
        "/metadata/",
        "/targets/eole"
      })
  void traversalAttempts_neverServeAFileOutsideTheServedFolders(String target) throws Exception {
    String response = PinnedClients.rawGet(pinned, server.port(), target);
    int status = PinnedClients.status(response);
    assertTrue(status == 400 || status == 404, target + " answered " + status);
    assertFalse(response.contains("SECRET"), target + " leaked: " + response);
  }

  @Test
  void absolutePath_isRefused() throws Exception {
    String encoded = repository.outsideFile.toAbsolutePath().toString().replace("/", "%2f");
    for (String target : List.of("/targets/" + encoded, "/metadata/" + encoded)) {
      String response = PinnedClients.rawGet(pinned, server.port(), target);
      assertEquals(400, PinnedClients.status(response), target);
      assertFalse(response.contains("SECRET"), response);
    }
  }

  @Test
  void auditLog_atTheRepositoryRoot_isNotFound() throws Exception {
    HttpResponse<String> response = get("/audit.log");
    assertEquals(404, response.statusCode());
    assertFalse(response.body().contains("SECRET"));
  }

  @Test
  void otherMethods_areRefused() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/metadata/timestamp.json"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, response.statusCode());
  }

  @Test
  void health_isUp() throws Exception {
    HttpResponse<String> response = get("/health");
    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("\"status\":\"UP\""), response.body());
  }

  @Test
  void managementEndpoints_otherThanHealthAndPrometheus_areOff() throws Exception {
    for (String path : List.of("/beans", "/env", "/loggers", "/routes", "/info")) {
      assertEquals(404, get(path).statusCode(), path);
    }
  }

  @Test
  void prometheus_showsRequestCountersBytesAndTheFourExpiryGauges() throws Exception {
    get("/metadata/timestamp.json");
    get("/metadata/no-such.json");
    String metrics = get("/prometheus").body();
    assertTrue(
        metric(
                metrics,
                "alize_publisher_requests_total",
                "area=\"metadata\",method=\"GET\",status=\"200\"")
            >= 1,
        metrics);
    assertTrue(
        metric(
                metrics,
                "alize_publisher_requests_total",
                "area=\"metadata\",method=\"GET\",status=\"404\"")
            >= 1,
        metrics);
    assertTrue(metric(metrics, "alize_publisher_served_bytes_total", "area=\"metadata\"") > 0);
    assertExpiry(metrics, "root", TestRepository.ROOT_EXPIRES);
    assertExpiry(metrics, "targets", TestRepository.TARGETS_EXPIRES);
    assertExpiry(metrics, "snapshot", TestRepository.SNAPSHOT_EXPIRES);
    assertExpiry(metrics, "timestamp", TestRepository.TIMESTAMP_EXPIRES);
  }

  @Test
  void servedBytes_countTheContentSent() throws Exception {
    String before = get("/prometheus").body();
    double sent = metric(before, "alize_publisher_served_bytes_total", "area=\"targets\"");
    get("/targets/" + TestRepository.TARGET);
    head("/targets/" + TestRepository.TARGET);
    String after = get("/prometheus").body();
    assertEquals(
        (Double.isNaN(sent) ? 0 : sent) + TestRepository.ARCHIVE.length,
        metric(after, "alize_publisher_served_bytes_total", "area=\"targets\""));
  }

  @Test
  void clientThatDoesNotTrustTheCertificate_failsTheHandshake() {
    HttpClient untrusting = HttpClient.newHttpClient();
    assertThrows(
        SSLHandshakeException.class,
        () ->
            untrusting.send(
                HttpRequest.newBuilder(uri("/metadata/timestamp.json")).build(),
                HttpResponse.BodyHandlers.ofString()));
  }

  @Test
  void clientPinningAnotherCertificate_failsTheHandshake() throws Exception {
    ServerCertificate other =
        ServerCertificates.loadOrCreate(
            temp.resolve("other-keys/tls"),
            ServerSettings.CERTIFICATE_ORGANIZATION,
            Clock.systemUTC());
    HttpClient wrongPin = PinnedClients.httpClient(other.leaf());
    assertThrows(
        SSLHandshakeException.class,
        () ->
            wrongPin.send(
                HttpRequest.newBuilder(uri("/metadata/timestamp.json")).build(),
                HttpResponse.BodyHandlers.ofString()));
  }

  @Test
  void plainHttp_isNotServed() {
    HttpClient plain = HttpClient.newHttpClient();
    assertThrows(
        IOException.class,
        () ->
            plain.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
  }

  private static void assertExpiry(String metrics, String role, Instant expires) {
    assertEquals(
        (double) expires.getEpochSecond(),
        metric(metrics, "alize_publisher_metadata_expires_seconds", "role=\"" + role + "\""),
        role);
  }

  /** The value of one sample of the Prometheus text format, NaN when absent. */
  private static double metric(String metrics, String name, String labels) {
    Matcher m =
        Pattern.compile(
                "^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)$", Pattern.MULTILINE)
            .matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }
}
