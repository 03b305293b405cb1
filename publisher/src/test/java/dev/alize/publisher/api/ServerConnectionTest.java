package dev.alize.publisher.api;

import static dev.alize.common.testing.RawConnection.PROMPTLY;
import static dev.alize.common.testing.RawConnection.assertErrorBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.testing.RawConnection;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the publisher server's TLS connections rather than its routes: slow requests, bodies
 * streamed past a refusal, request lines of no standard HTTP, and error answers that would tell the
 * framework's internals. Each leaves the repository as it was. The server waits 1 s for headers and
 * for a silent body.
 */
class ServerConnectionTest {

  private static final String RELEASE = "/api/v1/datasources/eole/releases?version=9.0.0";

  @TempDir static Path temp;

  private static ApiServer api;
  private SortedMap<String, String> before;

  @BeforeAll
  static void start() throws Exception {
    api =
        ApiServer.start(
            temp,
            "alize.publisher.api.header-timeout: 1s\nalize.publisher.api.body-idle-timeout: 1s\n",
            Clock.fixed(ApiServer.NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @BeforeEach
  void snapshot() {
    before = api.files();
  }

  @AfterEach
  void nothingChanged() throws InterruptedException {
    // The server removes a cut upload's temporary folder once it has seen the cut, which may be
    // just after the client has: the repository is awaited as it was, within a bound.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    SortedMap<String, String> now = filesNow();
    while (!before.equals(now) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      now = filesNow();
    }
    assertEquals(before, now, "a refused request changed the repository");
  }

  /** The repository's files, or null when one was removed while they were read. */
  private static SortedMap<String, String> filesNow() {
    try {
      return api.files();
    } catch (UncheckedIOException e) {
      return null;
    }
  }

  @Test
  void slowHeaderLinesOverTls_areAnswered408AndCutOff() throws Exception {
    RawConnection.assertSlowHeadersCutOff(
        api.server.port(),
        api.pinned,
        "GET /metadata/timestamp.json HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  }

  @Test
  void uploadShorterThanItsContentLength_isCutOffOnceSilent() throws Exception {
    RawConnection.assertSilentBodyCutOff(
        api.server.port(),
        api.pinned,
        "POST "
            + RELEASE
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + api.eoleToken
            + "\r\nContent-Type: application/gzip\r\nContent-Length: 1000\r\n\r\n"
            + "\u001f\u008b\u0008");
  }

  @Test
  void unauthenticatedChunkedUpload_isCutOffAfterThe401() throws Exception {
    RawConnection.assertStreamCutOffAfter(
        api.server.port(),
        api.pinned,
        "POST "
            + RELEASE
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/gzip"
            + "\r\nTransfer-Encoding: chunked\r\n\r\n",
        401);
  }

  @Test
  void unknownHttpVersion_is505() throws Exception {
    RawConnection.assertRefused(
        api.server.port(),
        api.pinned,
        "GET /metadata/timestamp.json HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n",
        505);
  }

  @Test
  void lowercaseMethod_is501() throws Exception {
    RawConnection.assertRefused(
        api.server.port(),
        api.pinned,
        "get /metadata/timestamp.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        501);
  }

  @Test
  void honestRequests_keepTheirConnection() throws Exception {
    HttpResponse<String> answer = send("GET", "/metadata/timestamp.json", null, null, null);
    assertEquals(200, answer.statusCode(), answer::body);
    assertTrue(answer.headers().firstValue("Connection").isEmpty(), answer.headers()::toString);
  }

  @Test
  void frameworkErrors_answerTheDocumentedJsonAndNoInternals() throws Exception {
    String token = api.eoleToken;
    Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
    answers.put("404 no route", send("GET", "/api/v1/no-such-thing", token, null, null));
    answers.put("405", send("DELETE", "/api/v1/datasources", token, null, null));
    answers.put("400 parameter", send("GET", "/api/v1/stats/eole?stale=ever", token, null, null));
    answers.put("400 body", send("POST", "/api/v1/sites", null, "{\"site\":", "application/json"));
    answers.put("406", send("GET", "/api/v1/datasources", token, null, null, "text/csv"));
    answers.put("413", send("POST", RELEASE, token, "x".repeat(2 << 20), ApiServer.GZIP));
    answers.put("415", send("POST", RELEASE, token, "x", "text/plain"));
    answers.forEach(
        (what, answer) -> {
          assertEquals(
              Integer.parseInt(what.substring(0, 3)), answer.statusCode(), what + answer.body());
          assertErrorBody(answer.body());
        });
  }

  private static HttpResponse<String> send(
      String method, String path, String token, String body, String contentType) throws Exception {
    return send(method, path, token, body, contentType, null);
  }

  private static HttpResponse<String> send(
      String method, String path, String token, String body, String contentType, String accept)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api.uri(path))
            .timeout(PROMPTLY)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (accept != null) {
      request.header("Accept", accept);
    }
    return api.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
