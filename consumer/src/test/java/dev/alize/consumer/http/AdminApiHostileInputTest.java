package dev.alize.consumer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input from an authenticated admin: each is answered with a status and a JSON error, no
 * stack trace, and leaves the database as it was.
 */
class AdminApiHostileInputTest {

  @TempDir static Path temp;

  private static ApiFixture api;
  private static long conflictId;
  private ApiFixture.Snapshot before;

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

  @BeforeEach
  void snapshot() {
    before = api.snapshot();
  }

  @AfterEach
  void nothingChanged() {
    assertEquals(before, api.snapshot(), "a refused request changed the database");
  }

  /** The endpoints that read a JSON body. */
  static Stream<Arguments> bodies() {
    return Stream.of(
        Arguments.of("POST", "/api/v1/children"),
        Arguments.of("PUT", "/api/v1/children/amon-local"),
        Arguments.of("PATCH", "/api/v1/children/amon-local"),
        Arguments.of("POST", "/api/v1/conflicts/{id}/acknowledge"),
        Arguments.of("POST", "/api/v1/conflicts/{id}/resolve"),
        Arguments.of("POST", "/api/v1/approvals"));
  }

  /** Each body endpoint with each body that is not a JSON object. */
  static Stream<Arguments> notAnObject() {
    String[] bodies = {
      "{",
      "{\"name\": }",
      "nul",
      "{\"name\": \"a\",}",
      "{'name': 'a'}",
      "[]",
      "[{\"name\": \"amon-x\", \"parent\": \"eole/2.9.0/amon\"}]",
      "\"amon-x\"",
      "42",
      "true",
      "{\"name\": \"a\"} {\"name\": \"b\"}",
      "[".repeat(5000) + "]".repeat(5000),
      "\u0000",
      "null",
      "[{\"comment\": \"seen\", \"datasource\": \"eole\", \"version\": \"2.0.0\"}]",
      "{\"name\": \"amon-x\", \"parent\": \"eole/2.9.0/amon\"} []"
    };
    return bodies()
        .flatMap(e -> Stream.of(bodies).map(b -> Arguments.of(e.get()[0], e.get()[1], b)));
  }

  private static String path(String template) {
    return template.replace("{id}", Long.toString(conflictId));
  }

  private static JsonNode refused(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response::body);
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
        response::body);
    JsonNode body = ApiFixture.json(response);
    assertTrue(body.path("error").isTextual(), response::body);
    assertFalse(response.body().contains("\tat "), "a stack trace in " + response.body());
    assertFalse(response.body().contains("Exception"), "an exception named in " + response.body());
    assertTrue(response.body().length() < 4000, "a long answer: " + response.body().length());
    return body;
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("notAnObject")
  void bodyThatIsNotAJsonObject_is400(String method, String path, String body) throws Exception {
    JsonNode error = refused(api.send(method, path(path), api.aliceToken, body), 400);
    assertTrue(error.path("error").asText().startsWith("the request body "), error::toString);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("bodies")
  void jsonWithADuplicateKey_is400(String method, String path) throws Exception {
    JsonNode error =
        refused(
            api.send(
                method,
                path(path),
                api.aliceToken,
                "{\"comment\": \"a\", \"comment\": \"b\", \"name\": \"x\", \"name\": \"y\"}"),
            400);
    assertTrue(error.path("error").asText().contains("Duplicate field"), error::toString);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("bodies")
  void bodyOf2MB_is413(String method, String path) throws Exception {
    String huge = "{\"description\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    refused(api.send(method, path(path), api.aliceToken, huge), 413);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("bodies")
  void bodyThatIsNotJson_is415(String method, String path) throws Exception {
    HttpResponse<String> response =
        api.client.send(
            java.net.http.HttpRequest.newBuilder(api.uri(path(path)))
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString("name=x"))
                .header("Authorization", "Bearer " + api.aliceToken)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    refused(response, 415);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("bodies")
  void bodyThatIsNotJson_withoutAToken_is401NotA415(String method, String path) throws Exception {
    for (String authorization : List.of("", "Bearer not-a-token")) {
      java.net.http.HttpRequest.Builder request =
          java.net.http.HttpRequest.newBuilder(api.uri(path(path)))
              .method(method, java.net.http.HttpRequest.BodyPublishers.ofString("name=x"))
              .header("Content-Type", "application/x-www-form-urlencoded");
      if (!authorization.isEmpty()) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> response =
          api.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      refused(response, 401);
      assertTrue(response.headers().firstValue("WWW-Authenticate").isPresent(), authorization);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("bodies")
  void bodyWithoutContentType_is415(String method, String path) throws Exception {
    HttpResponse<String> response =
        api.client.send(
            java.net.http.HttpRequest.newBuilder(api.uri(path(path)))
                .method(
                    method,
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"comment\": \"seen\", \"datasource\": \"eole\", \"version\":"
                            + " \"2.0.0\"}"))
                .header("Authorization", "Bearer " + api.aliceToken)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    refused(response, 415);
  }

  /** Each body endpoint with a body whose fields are null, numbers, booleans or objects. */
  static Stream<Arguments> wrongTypes() {
    return Stream.of(
        Arguments.of(
            "POST", "/api/v1/children", "{\"name\": null, \"parent\": null}", "name: required"),
        Arguments.of(
            "POST",
            "/api/v1/children",
            "{\"name\": \"amon-x\", \"parent\": 42}",
            "parent: must be a string, not a number"),
        Arguments.of(
            "PUT", "/api/v1/children/amon-local", "{\"parent\": null}", "parent: required"),
        Arguments.of(
            "PUT",
            "/api/v1/children/amon-local",
            "{\"parent\": \"eole/2.8.1/amon\", \"name\": true}",
            "name: must be a string, not a boolean"),
        Arguments.of(
            "PATCH",
            "/api/v1/children/amon-local",
            "{\"description\": 7}",
            "description: must be a string, not a number"),
        Arguments.of(
            "PATCH",
            "/api/v1/children/amon-local",
            "{\"set\": {\"proxy_port\": {\"value\": 8080, \"unknown\": true}}}",
            "set.proxy_port: must be a string in YAML flow style"),
        Arguments.of(
            "POST",
            "/api/v1/conflicts/{id}/acknowledge",
            "{\"comment\": 5}",
            "comment: must be a string, not a number"),
        Arguments.of(
            "POST",
            "/api/v1/conflicts/{id}/resolve",
            "{\"comment\": {\"text\": \"x\"}}",
            "comment: must be a string, not an object"),
        Arguments.of(
            "POST",
            "/api/v1/approvals",
            "{\"datasource\": null, \"version\": \"2.0.0\"}",
            "datasource: required"),
        Arguments.of(
            "POST",
            "/api/v1/approvals",
            "{\"datasource\": \"eole\", \"version\": 2.0}",
            "version: must be a string, not a number"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("wrongTypes")
  void fieldThatIsNullOrOfTheWrongType_is400NamingIt(
      String method, String path, String body, String problem) throws Exception {
    JsonNode error = refused(api.send(method, path(path), api.aliceToken, body), 400);
    assertEquals("the request body is not valid", error.path("error").asText(), error::toString);
    assertTrue(
        error.path("problems").toString().contains("\"" + problem), () -> problem + " in " + error);
  }

  @Test
  void hugeStrings_are400NamingTheField() throws Exception {
    String big = "a".repeat(BodyLimits.MAX_TEXT + 1);
    String longName = "a".repeat(BodyLimits.MAX_NAME + 1);
    JsonNode body =
        refused(
            api.send(
                "POST",
                "/api/v1/children",
                api.aliceToken,
                "{\"name\": \""
                    + longName
                    + "\", \"parent\": \"eole/2.9.0/"
                    + longName
                    + "\", \"set\": {\"proxy_port\": \""
                    + big
                    + "\", \""
                    + longName
                    + "\": \"1\"}, \"addServices\": [\""
                    + longName
                    + "\"], \"description\": \""
                    + big
                    + "\"}"),
            400);
    String problems = body.path("problems").toString();
    for (String field :
        new String[] {
          "name:", "parent:", "set.proxy_port:", "set key:", "addServices[0]:", "description:"
        }) {
      assertTrue(problems.contains("\"" + field + " at most "), () -> field + " in " + problems);
    }
  }

  @Test
  void tooManyVariablesOrServices_is400() throws Exception {
    StringBuilder set = new StringBuilder();
    for (int i = 0; i <= BodyLimits.MAX_VARIABLES; i++) {
      set.append(i == 0 ? "" : ", ").append("\"v").append(i).append("\": \"1\"");
    }
    String services = "\"s\", ".repeat(BodyLimits.MAX_SERVICES) + "\"s\"";
    JsonNode body =
        refused(
            api.send(
                "POST",
                "/api/v1/children",
                api.aliceToken,
                "{\"name\": \"amon-many\", \"parent\": \"eole/2.9.0/amon\", \"set\": {"
                    + set
                    + "}, \"removeServices\": ["
                    + services
                    + "]}"),
            400);
    assertTrue(body.path("problems").toString().contains("set: at most"), body::toString);
    assertTrue(
        body.path("problems").toString().contains("removeServices: at most"), body::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\\u0000b", "a\\u001bb", "\\ud800", "\\udc00x"})
  void controlCharactersAndBrokenUtf16_are400(String escaped) throws Exception {
    JsonNode body =
        refused(
            api.send(
                "POST",
                "/api/v1/children",
                api.aliceToken,
                "{\"name\": \"amon-ctl\", \"parent\": \"eole/2.9.0/amon\", \"description\": \""
                    + escaped
                    + "\"}"),
            400);
    assertTrue(body.path("problems").toString().contains("description: control"), body::toString);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/children/..",
        "/api/v1/children/../status",
        "/api/v1/children/%2e%2e",
        "/api/v1/children/.",
        "/api/v1/children/a%2Fb",
        "/api/v1/children/a%2fb",
        "/api/v1/children/a%5Cb",
        "/api/v1/children/a%00b",
        "/api/v1/children/a%0Ab",
        "/api/v1/children/%zz",
        "/api/v1/children/%",
        "/api/v1/models/eole/..%2F..%2Fetc/amon",
        "/api/v1/models/eole/2.9.0/..",
        "/api/v1/datasources/..%2Feole/rollback",
        "/api/v1/datasources/%2e%2e/rollback",
        "/api/v1/conflicts/1%2F..%2F2/resolve",
        "/api/v1/repositories/..%2Fupstream/sync",
        "/api/%2e%2e/api/v1/status"
      })
  void pathWithDotSegmentsOrEscapedSeparators_is400(String target) throws Exception {
    for (String method : new String[] {"GET", "POST", "PUT", "DELETE"}) {
      String raw = api.raw(method, target, api.aliceToken);
      assertEquals(400, ApiFixture.status(raw), raw);
      assertTrue(raw.contains("\"error\""), raw);
    }
  }

  @Test
  void pathsOutsideTheApi_are404() throws Exception {
    for (String target : new String[] {"/", "/api", "/api/v2/status", "/api/v1/nope", "/nope"}) {
      HttpResponse<String> response = api.get(target, api.aliceToken);
      assertEquals(404, response.statusCode(), () -> target + ": " + response.body());
    }
  }

  @Test
  void wrongMethod_is405() throws Exception {
    refused(api.send("DELETE", "/api/v1/status", api.aliceToken, null), 405);
    refused(api.send("PUT", "/api/v1/approvals", api.aliceToken, "{}"), 405);
    refused(api.send("POST", "/api/v1/models", api.aliceToken, "{}"), 405);
  }

  @Test
  void queryParameterRepeatedOrHuge_isHandled() throws Exception {
    refused(api.get("/api/v1/imports?limit=1&limit=abc", api.aliceToken), 400);
    refused(api.get("/api/v1/imports?limit=" + "9".repeat(2000), api.aliceToken), 400);
    refused(api.get("/api/v1/models?datasource=" + "a".repeat(2000), api.aliceToken), 400);
  }
}
