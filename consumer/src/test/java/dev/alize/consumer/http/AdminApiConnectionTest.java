package dev.alize.consumer.http;

import static dev.alize.common.testing.RawConnection.PROMPTLY;
import static dev.alize.common.testing.RawConnection.assertErrorBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.alize.common.testing.RawConnection;
import dev.alize.consumer.sync.LogCapture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the admin API's connections rather than its routes: slow requests, bodies streamed
 * past a refusal, request lines of no standard HTTP, and error answers that would tell the
 * framework's internals. Each leaves the database as it was. The server waits 1 s for headers and
 * for a silent body.
 */
class AdminApiConnectionTest {

  @TempDir static Path temp;

  private static ApiFixture api;
  private ApiFixture.Snapshot before;

  @BeforeAll
  static void start() throws Exception {
    api = ApiFixture.startWithApi(temp, "header-timeout: 1s\nbody-idle-timeout: 1s\n");
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @BeforeEach
  void snapshot() {
    before = api.snapshot();
  }

  @AfterEach
  void nothingChanged() {
    assertEquals(before, api.snapshot(), "a refused request changed the database");
  }

  @Test
  void slowHeaderLines_areAnswered408AndCutOff() throws Exception {
    RawConnection.assertSlowHeadersCutOff(
        api.server.port(), null, "GET /api/v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  }

  @Test
  void bodyShorterThanItsContentLength_isCutOffOnceSilent_andLoggedInOneLine() throws Exception {
    try (LogCapture log = LogCapture.of(UnexpectedExceptionHandler.class)) {
      RawConnection.assertSilentBodyCutOff(
          api.server.port(),
          null,
          "POST /api/v1/children HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
              + api.aliceToken
              + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
              + "{\"name\": \"slow");
      ILoggingEvent logged = log.await(PROMPTLY);
      assertEquals(Level.WARN, logged.getLevel(), logged::getFormattedMessage);
      assertNull(logged.getThrowableProxy(), "a cut-off body is logged without a trace");
      assertEquals(
          "POST /api/v1/children: the request's body ended before its length:"
              + " Connection closed before full body was received",
          logged.getFormattedMessage());
    }
  }

  @Test
  void unauthenticatedChunkedUpload_isCutOffAfterThe401() throws Exception {
    RawConnection.assertStreamCutOffAfter(
        api.server.port(),
        null,
        "POST /api/v1/children HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
            + "\r\nTransfer-Encoding: chunked\r\n\r\n",
        401);
  }

  @Test
  void unknownHttpVersion_is505() throws Exception {
    RawConnection.assertRefused(
        api.server.port(), null, "GET /api/v1/status HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n", 505);
  }

  @Test
  void lowercaseMethod_is501() throws Exception {
    RawConnection.assertRefused(
        api.server.port(),
        null,
        "get /api/v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + api.aliceToken
            + "\r\n\r\n",
        501);
  }

  @Test
  void honestRequests_keepTheirConnection() throws Exception {
    HttpResponse<String> answer = send("GET", "/api/v1/status", api.aliceToken, null, null);
    assertEquals(200, answer.statusCode(), answer::body);
    assertTrue(answer.headers().firstValue("Connection").isEmpty(), answer.headers()::toString);
  }

  @Test
  void frameworkErrors_answerTheDocumentedJsonAndNoInternals() throws Exception {
    String token = api.aliceToken;
    Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
    answers.put("404 no route", send("GET", "/api/v1/no-such-thing", token, null, null));
    answers.put("405", send("DELETE", "/api/v1/status", token, null, null));
    answers.put("400 parameter", send("GET", "/api/v1/imports?limit=many", token, null, null));
    answers.put("400 field", send("POST", "/api/v1/children", token, "{\"name\": 5}", null));
    answers.put("400 body", send("POST", "/api/v1/children", token, "{\"name\":", null));
    answers.put("406", send("GET", "/api/v1/status", token, null, "text/csv"));
    answers.put("413", send("POST", "/api/v1/children", token, "x".repeat(2 << 20), null));
    answers.put(
        "415",
        api.client.send(
            HttpRequest.newBuilder(api.uri("/api/v1/children"))
                .timeout(PROMPTLY)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString()));
    answers.forEach(
        (what, answer) -> {
          assertEquals(
              Integer.parseInt(what.substring(0, 3)), answer.statusCode(), what + answer.body());
          assertErrorBody(answer.body());
        });
  }

  private static HttpResponse<String> send(
      String method, String path, String token, String body, String accept) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api.uri(path))
            .timeout(PROMPTLY)
            .header("Authorization", "Bearer " + token)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (accept != null) {
      request.header("Accept", accept);
    }
    return api.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
