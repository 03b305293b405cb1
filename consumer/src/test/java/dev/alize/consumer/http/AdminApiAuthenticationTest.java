package dev.alize.consumer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alize.common.token.TokenValue;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint needs an admin's token: a write without one, or with a wrong one, is answered 401
 * with a bearer challenge and changes nothing; so is a read.
 */
class AdminApiAuthenticationTest {

  @TempDir static Path temp;

  private static ApiFixture api;
  private static long conflictId;

  @BeforeAll
  static void start() throws Exception {
    api = ApiFixture.start(temp);
    api.createChild("amon-local");
    conflictId =
        api.admin.conflicts(dev.alize.consumer.store.ConflictStore.Status.OPEN).get(0).id();
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  /** Each write endpoint, with a body that an admin's token would make succeed. */
  static Stream<Arguments> writes() {
    String child =
        "{\"name\": \"amon-intruder\", \"parent\": \"eole/2.9.0/amon\","
            + " \"set\": {\"proxy_port\": \"3129\"}}";
    return Stream.of(
        Arguments.of("POST", "/api/v1/repositories/upstream/sync", null),
        Arguments.of("POST", "/api/v1/children", child),
        Arguments.of(
            "PUT",
            "/api/v1/children/amon-local",
            "{\"parent\": \"eole/2.8.1/amon\", \"set\": {\"proxy_port\": \"1\"}}"),
        Arguments.of("DELETE", "/api/v1/children/amon-local", null),
        Arguments.of("POST", "/api/v1/conflicts/{id}/acknowledge", "{\"comment\": \"seen\"}"),
        Arguments.of("POST", "/api/v1/conflicts/{id}/resolve", "{\"comment\": \"done\"}"),
        Arguments.of("POST", "/api/v1/datasources/eole/rollback", null),
        Arguments.of(
            "POST", "/api/v1/approvals", "{\"datasource\": \"eole\", \"version\": \"2.0.0\"}"));
  }

  static Stream<String> reads() {
    return Stream.of(
        "/api/v1/status",
        "/api/v1/models",
        "/api/v1/models?datasource=eole",
        "/api/v1/models/eole/2.9.0/amon",
        "/api/v1/children",
        "/api/v1/children/amon-local",
        "/api/v1/conflicts",
        "/api/v1/conflicts?status=all",
        "/api/v1/conflicts/{id}",
        "/api/v1/imports",
        "/api/v1/approvals");
  }

  private static String path(String template) {
    return template.replace("{id}", Long.toString(conflictId));
  }

  private static void unauthorized(HttpResponse<String> response) {
    assertEquals(401, response.statusCode(), response::body);
    assertEquals(
        "Bearer realm=\"alize-consumer\"",
        response.headers().firstValue("WWW-Authenticate").orElse(""));
    JsonNode body = ApiFixture.json(response);
    assertTrue(body.path("error").asText().contains("Authorization: Bearer"), response::body);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("writes")
  void write_withoutToken_isRefusedAndChangesNothing(String method, String path, String body)
      throws Exception {
    ApiFixture.Snapshot before = api.snapshot();
    unauthorized(api.send(method, path(path), null, body));
    assertEquals(before, api.snapshot());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("writes")
  void write_withWrongToken_isRefusedAndChangesNothing(String method, String path, String body)
      throws Exception {
    ApiFixture.Snapshot before = api.snapshot();
    unauthorized(
        api.send(method, path(path), TokenValue.generate(new java.security.SecureRandom()), body));
    // A configured token's hash is not a token.
    unauthorized(api.send(method, path(path), TokenValue.sha256Hex(api.aliceToken), body));
    assertEquals(before, api.snapshot());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("writes")
  void write_withOtherSchemes_isRefusedAndChangesNothing(String method, String path, String body)
      throws Exception {
    ApiFixture.Snapshot before = api.snapshot();
    java.net.http.HttpRequest.Builder request =
        java.net.http.HttpRequest.newBuilder(api.uri(path(path)))
            .method(
                method,
                body == null
                    ? java.net.http.HttpRequest.BodyPublishers.noBody()
                    : java.net.http.HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    for (String header :
        new String[] {
          "Basic "
              + java.util.Base64.getEncoder()
                  .encodeToString(
                      ("alice:" + api.aliceToken)
                          .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
          api.aliceToken,
          "Bearer",
          "Bearer " + api.aliceToken + " x"
        }) {
      unauthorized(
          api.client.send(
              request.copy().header("Authorization", header).build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    assertEquals(before, api.snapshot());
  }

  @ParameterizedTest(name = "GET {0}")
  @MethodSource("reads")
  void read_withoutOrWithWrongToken_isRefused(String path) throws Exception {
    unauthorized(api.get(path(path), null));
    unauthorized(api.get(path(path), "not-a-token"));
  }

  @ParameterizedTest(name = "GET {0}")
  @MethodSource("reads")
  void read_withEitherAdminsToken_isAnswered(String path) throws Exception {
    for (String token : new String[] {api.aliceToken, api.bobToken}) {
      HttpResponse<String> response = api.get(path(path), token);
      assertEquals(200, response.statusCode(), response::body);
      assertTrue(
          response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
      ApiFixture.json(response);
    }
  }

  @Test
  void write_byBob_isRecordedAsBob() throws Exception {
    HttpResponse<String> response =
        api.send(
            "POST",
            "/api/v1/approvals",
            api.bobToken,
            "{\"datasource\": \"acme-monitoring\", \"version\": \"3.0.0\"}");
    assertEquals(200, response.statusCode(), response::body);
    assertTrue(api.importer.approvals().contains("acme-monitoring 3.0.0"));
  }
}
