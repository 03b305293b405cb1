package dev.alize.consumer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alize.consumer.admin.AdminException;
import dev.alize.consumer.cli.ConsumerCli;
import dev.alize.consumer.store.StoredChild;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Child models through the API: create, read, update, delete, and what is refused. */
class AdminApiChildModelTest {

  private static final String CHILDREN = "/api/v1/children";

  @TempDir static Path temp;

  private static ApiFixture api;

  @BeforeAll
  static void start() throws Exception {
    api = ApiFixture.start(temp);
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  private static HttpResponse<String> post(String body) throws Exception {
    return api.send("POST", CHILDREN, api.aliceToken, body);
  }

  private static JsonNode refused(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response::body);
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonNode body = ApiFixture.json(response);
    assertTrue(body.path("error").isTextual(), response::body);
    assertTrue(body.path("problems").isArray(), response::body);
    assertFalse(response.body().contains("\tat "), "a stack trace in " + response.body());
    return body;
  }

  private static List<String> problems(JsonNode body) {
    List<String> out = new ArrayList<>();
    body.path("problems").forEach(p -> out.add(p.asText()));
    return out;
  }

  private static void assertProblem(JsonNode body, String start) {
    assertTrue(
        problems(body).stream().anyMatch(p -> p.startsWith(start)),
        () -> "no problem starting with '" + start + "' in " + body);
  }

  private static void assertNoChild(String name) {
    assertFalse(
        api.admin.children().stream().anyMatch(c -> c.child().name().equals(name)),
        name + " was stored");
  }

  private static void assertNotFound(Executable lookup) {
    AdminException e = org.junit.jupiter.api.Assertions.assertThrows(AdminException.class, lookup);
    assertEquals(AdminException.Reason.NOT_FOUND, e.reason());
  }

  @Test
  void createReadUpdateDelete_roundTrip() throws Exception {
    HttpResponse<String> created =
        post(
            "{\"name\": \"amon-college\", \"parent\": \"eole/2.9.0/amon\","
                + " \"set\": {\"proxy_port\": \"3129\", \"filter_level\": \"light\"},"
                + " \"removeServices\": [\"eole-dhcp\"], \"description\": \"the college's\"}");
    assertEquals(201, created.statusCode(), created::body);
    assertEquals(
        "/api/v1/children/amon-college", created.headers().firstValue("Location").orElse(""));
    JsonNode body = ApiFixture.json(created);
    assertEquals("amon-college", body.path("name").asText());
    assertEquals("eole/2.9.0/amon", body.path("parent").asText());
    assertEquals("3129", body.path("set").path("proxy_port").asText());
    assertEquals("alice", body.path("updatedBy").asText());

    StoredChild stored = api.admin.child("amon-college");
    assertEquals("alice", stored.updatedBy());
    assertEquals("the college's", stored.description());
    assertEquals(List.of("eole-dhcp"), stored.child().removedServices());
    assertEquals("3129", stored.child().findOverride("proxy_port").orElseThrow().valueText());

    HttpResponse<String> read = api.get(CHILDREN + "/amon-college", api.bobToken);
    assertEquals(200, read.statusCode(), read::body);
    assertEquals(body, ApiFixture.json(read));
    HttpResponse<String> list = api.get(CHILDREN, api.bobToken);
    assertTrue(ApiFixture.json(list).findValuesAsText("name").contains("amon-college"), list::body);

    // What is read can be sent back changed: the read-only fields are refused, so send the others.
    HttpResponse<String> updated =
        api.send(
            "PUT",
            CHILDREN + "/amon-college",
            api.bobToken,
            "{\"name\": \"amon-college\", \"parent\": \"eole/2.9.0/amon\","
                + " \"set\": {\"proxy_port\": 8081}, \"description\": null}");
    assertEquals(200, updated.statusCode(), updated::body);
    assertEquals("bob", ApiFixture.json(updated).path("updatedBy").asText());
    stored = api.admin.child("amon-college");
    assertEquals("bob", stored.updatedBy());
    assertEquals(Map.of("proxy_port", "8081"), overrides(stored));
    assertEquals(List.of(), stored.child().removedServices());
    assertEquals(null, stored.description());

    HttpResponse<String> deleted =
        api.send("DELETE", CHILDREN + "/amon-college", api.aliceToken, null);
    assertEquals(204, deleted.statusCode(), deleted::body);
    assertNoChild("amon-college");
    refused(api.get(CHILDREN + "/amon-college", api.aliceToken), 404);
    refused(api.send("DELETE", CHILDREN + "/amon-college", api.aliceToken, null), 404);
  }

  private static Map<String, String> overrides(StoredChild stored) {
    Map<String, String> out = new java.util.TreeMap<>();
    stored.child().overrides().forEach(o -> out.put(o.variable(), o.valueText()));
    return out;
  }

  @Test
  void list_answersWhatChildListJsonPrints() throws Exception {
    api.createChild("amon-listed");
    assertEquals(
        201,
        post("{\"name\": \"amon-listed-2\", \"parent\": \"eole/2.9.0/amon\","
                + " \"set\": {\"proxy_port\": \"3129\"}, \"addServices\": [\"eole-vpn\"]}")
            .statusCode());
    JsonNode answered = ApiFixture.json(api.get(CHILDREN, api.aliceToken));

    Path config =
        Files.writeString(
            temp.resolve("child-list.yml"),
            "alize:\n  consumer:\n    database:\n      url: \""
                + api.databaseUrl
                + "\"\n      user: sa\n      password: \"\"\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = ConsumerCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    assertEquals(
        0, cli.execute("child", "list", "--json", "--config", config.toString()), err::toString);

    assertEquals(answered, ApiFixture.json(out.toString()));
    assertTrue(answered.size() >= 2, answered::toString);
    JsonNode second =
        answered.findParents("name").stream()
            .filter(c -> c.path("name").asText().equals("amon-listed-2"))
            .findFirst()
            .orElseThrow();
    assertEquals("3129", second.path("set").path("proxy_port").asText(), second::toString);
    assertEquals("3128", second.path("reconciledValues").path("proxy_port").asText());
  }

  @Test
  void create_withInvalidValues_is400NamingEachField() throws Exception {
    JsonNode body =
        refused(
            post(
                "{\"name\": \"amon-bad\", \"parent\": \"eole/2.9.0/amon\", \"set\":"
                    + " {\"proxy_port\": \"99999\", \"no_such_variable\": \"1\"},"
                    + " \"addServices\": [\"eole-nope\"], \"removeServices\": [\"eole-sso\"]}"),
            400);
    assertProblem(body, "set.proxy_port: port 99999 is outside 1..65535");
    assertProblem(
        body,
        "set.no_such_variable: neither the parent eole/2.9.0/amon nor a service added with"
            + " addServices has a variable 'no_such_variable'");
    assertProblem(body, "addServices 'eole-nope': ");
    assertProblem(body, "removeServices 'eole-sso': ");
    assertFalse(body.toString().contains("--"), "a command-line option named in " + body);
    assertEquals(4, problems(body).size(), body::toString);
    assertFalse(body.path("error").asText().contains(";"), "problems repeated in the message");
    assertNoChild("amon-bad");
  }

  @Test
  void create_withAnInvalidName_is400() throws Exception {
    JsonNode body =
        refused(post("{\"name\": \"Amon Local\", \"parent\": \"eole/2.9.0/amon\"}"), 400);
    assertProblem(body, "name 'Amon Local': ");
    assertNoChild("Amon Local");
  }

  @Test
  void create_withoutNameOrParent_is400NamingBoth() throws Exception {
    JsonNode body = refused(post("{}"), 400);
    assertProblem(body, "name: required");
    assertProblem(body, "parent: required");
  }

  /**
   * Each field of the wrong type, with the problem naming it. The body is read field by field and
   * the first of these ends the reading, so each is sent in a body of its own.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"name\": 5, \"parent\": \"eole/2.9.0/amon\"|name: must be a string, not a number",
        "\"name\": 5.5, \"parent\": \"eole/2.9.0/amon\"|name: must be a string, not a number",
        "\"name\": \"amon-typed\", \"parent\": [\"eole\"]|parent: must be a string, not a list",
        "\"name\": \"amon-typed\", \"parent\": {\"datasource\": \"eole\"}"
            + "|parent: must be a string, not an object",
        "\"name\": \"amon-typed\", \"parent\": \"eole/2.9.0/amon\", \"set\": [\"a\"]"
            + "|set: must be an object",
        "\"name\": \"amon-typed\", \"parent\": \"eole/2.9.0/amon\", \"addServices\": \"eole-sso\""
            + "|addServices: must be a list of strings, not a string",
        "\"name\": \"amon-typed\", \"parent\": \"eole/2.9.0/amon\", \"removeServices\": [1, {}]"
            + "|removeServices[0]: must be a string, not a number",
        "\"name\": \"amon-typed\", \"parent\": \"eole/2.9.0/amon\","
            + " \"removeServices\": [\"eole-dns\", {}]"
            + "|removeServices[1]: must be a string, not an object",
        "\"name\": \"amon-typed\", \"parent\": \"eole/2.9.0/amon\", \"description\": false"
            + "|description: must be a string, not a boolean"
      })
  void create_withAFieldOfTheWrongType_is400NamingIt(String fields, String problem)
      throws Exception {
    JsonNode body = refused(post("{" + fields + "}"), 400);
    assertEquals("the request body is not valid", body.path("error").asText(), body::toString);
    assertProblem(body, problem);
    assertEquals(1, problems(body).size(), body::toString);
    assertNoChild("amon-typed");
  }

  @Test
  void create_withValuesThatAreNotScalars_is400() throws Exception {
    JsonNode body =
        refused(
            post(
                "{\"name\": \"amon-types\", \"parent\": \"eole/2.9.0/amon\","
                    + " \"set\": {\"proxy_bypass\": [\"10.0.0.0/8\"], \"proxy_port\": 3128.5,"
                    + " \"filter_level\": null}}"),
            400);
    assertProblem(body, "set.proxy_bypass: must be a string in YAML flow style");
    assertProblem(body, "set.proxy_port: must be a string in YAML flow style");
    assertProblem(body, "set.filter_level: must be a string in YAML flow style");
    assertNoChild("amon-types");
  }

  @Test
  void create_withAMalformedParent_is400() throws Exception {
    assertProblem(
        refused(post("{\"name\": \"amon-x\", \"parent\": \"eole/2.9.0\"}"), 400),
        "parent: invalid model reference 'eole/2.9.0'");
    assertProblem(
        refused(post("{\"name\": \"amon-x\", \"parent\": \"eole//amon\"}"), 400),
        "parent: invalid model reference");
    JsonNode unknown =
        refused(post("{\"name\": \"amon-x\", \"parent\": \"eole/2.9.0/nope\"}"), 400);
    assertTrue(
        unknown.path("error").asText().startsWith("parent 'eole/2.9.0/nope': no such upstream"),
        unknown::toString);
    assertNoChild("amon-x");
  }

  @Test
  void create_withAnUnknownField_is400() throws Exception {
    JsonNode body =
        refused(
            post(
                "{\"name\": \"amon-y\", \"parent\": \"eole/2.9.0/amon\", \"updatedBy\": \"root\"}"),
            400);
    assertProblem(body, "updatedBy: unknown field");
    assertNoChild("amon-y");
  }

  @Test
  void create_twice_is409() throws Exception {
    String body = "{\"name\": \"amon-twice\", \"parent\": \"eole/2.9.0/amon\"}";
    assertEquals(201, post(body).statusCode());
    StoredChild first = api.admin.child("amon-twice");
    refused(post(body.replace("2.9.0", "2.8.1")), 409);
    assertEquals(first, api.admin.child("amon-twice"));
  }

  @Test
  void update_cannotChangeTheParentNorTheName() throws Exception {
    api.createChild("amon-fixed");
    StoredChild before = api.admin.child("amon-fixed");
    JsonNode parent =
        refused(
            api.send(
                "PUT",
                CHILDREN + "/amon-fixed",
                api.aliceToken,
                "{\"parent\": \"eole/2.9.0/amon\"}"),
            400);
    assertTrue(parent.path("error").asText().contains("parent"), parent::toString);
    JsonNode name =
        refused(
            api.send(
                "PUT",
                CHILDREN + "/amon-fixed",
                api.aliceToken,
                "{\"name\": \"amon-renamed\", \"parent\": \"eole/2.8.1/amon\"}"),
            400);
    assertProblem(name, "name: 'amon-renamed' is not the name in the path");
    assertEquals(before, api.admin.child("amon-fixed"));
    assertNotFound(() -> api.admin.child("amon-renamed"));
  }

  @Test
  void update_withInvalidValues_keepsTheStoredChild() throws Exception {
    api.createChild("amon-kept");
    StoredChild before = api.admin.child("amon-kept");
    JsonNode body =
        refused(
            api.send(
                "PUT",
                CHILDREN + "/amon-kept",
                api.aliceToken,
                "{\"parent\": \"eole/2.8.1/amon\", \"set\": {\"proxy_port\": \"http\"}}"),
            400);
    assertProblem(body, "set.proxy_port: ");
    assertEquals(before, api.admin.child("amon-kept"));
  }

  @Test
  void unknownChild_is404() throws Exception {
    refused(api.get(CHILDREN + "/nope", api.aliceToken), 404);
    refused(
        api.send("PUT", CHILDREN + "/nope", api.aliceToken, "{\"parent\": \"eole/2.9.0/amon\"}"),
        404);
    refused(api.send("DELETE", CHILDREN + "/nope", api.aliceToken, null), 404);
    assertNotFound(() -> api.admin.child("nope"));
  }

  @Test
  void invalidNameInThePath_is400() throws Exception {
    for (String name : new String[] {"Amon", "amon%20x", "-amon", "a".repeat(64)}) {
      JsonNode body = refused(api.get(CHILDREN + "/" + name, api.aliceToken), 400);
      assertTrue(body.path("error").asText().startsWith("name: "), body::toString);
      refused(api.send("DELETE", CHILDREN + "/" + name, api.aliceToken, null), 400);
    }
  }
}
