package dev.alize.consumer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alize.consumer.store.StoredChild;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Partial changes of child models (PATCH): what is given changes, the rest stays; a change is
 * checked as a new child is, and a refused one stores nothing.
 */
class AdminApiChildChangeTest {

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

  /** A child of eole/2.9.0/amon: proxy_port and filter_level set, eole-dhcp removed. */
  private static void create(String name) throws Exception {
    HttpResponse<String> created =
        api.send(
            "POST",
            CHILDREN,
            api.aliceToken,
            "{\"name\": \""
                + name
                + "\", \"parent\": \"eole/2.9.0/amon\","
                + " \"set\": {\"proxy_port\": \"3129\", \"filter_level\": \"light\"},"
                + " \"removeServices\": [\"eole-dhcp\"], \"description\": \"before\"}");
    assertEquals(201, created.statusCode(), created::body);
  }

  private static HttpResponse<String> patch(String name, String body) throws Exception {
    return api.send("PATCH", CHILDREN + "/" + name, api.bobToken, body);
  }

  private static JsonNode ok(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response::body);
    return ApiFixture.json(response);
  }

  private static JsonNode refused(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response::body);
    JsonNode body = ApiFixture.json(response);
    assertTrue(body.path("error").isTextual(), response::body);
    assertFalse(response.body().contains("--"), "a command-line option named in " + body);
    return body;
  }

  private static List<String> problems(JsonNode body) {
    List<String> out = new ArrayList<>();
    body.path("problems").forEach(p -> out.add(p.asText()));
    return out;
  }

  private static Map<String, String> overrides(StoredChild stored) {
    Map<String, String> out = new TreeMap<>();
    stored.child().overrides().forEach(o -> out.put(o.variable(), o.valueText()));
    return out;
  }

  @Test
  void change_setsUnsetsAndMovesServices_andKeepsTheRest() throws Exception {
    create("amon-patched");
    JsonNode changed =
        ok(
            patch(
                "amon-patched",
                "{\"set\": {\"proxy_port\": 8081, \"vpn_ike_port\": \"4500\"},"
                    + " \"unset\": [\"filter_level\"],"
                    + " \"addServices\": [\"eole-dhcp\", \"eole-vpn\"]}"));
    assertEquals("bob", changed.path("updatedBy").asText());
    assertEquals(ApiFixture.json(api.get(CHILDREN + "/amon-patched", api.aliceToken)), changed);
    StoredChild stored = api.admin.child("amon-patched");
    assertEquals(Map.of("proxy_port", "8081", "vpn_ike_port", "4500"), overrides(stored));
    assertEquals(List.of("eole-vpn"), stored.child().addedServices(), "added");
    assertEquals(List.of(), stored.child().removedServices(), "eole-dhcp came back");
    assertEquals("before", stored.description(), "the description was not given: it stays");
    assertEquals("bob", stored.updatedBy());

    // A service it added goes away, with the variable of that service; one of its parent goes.
    ok(
        patch(
            "amon-patched",
            "{\"removeServices\": [\"eole-vpn\", \"eole-dns\"], \"unset\": [\"vpn_ike_port\"]}"));
    stored = api.admin.child("amon-patched");
    assertEquals(Map.of("proxy_port", "8081"), overrides(stored));
    assertEquals(List.of(), stored.child().addedServices());
    assertEquals(List.of("eole-dns"), stored.child().removedServices());

    ok(patch("amon-patched", "{\"description\": \"after\"}"));
    assertEquals("after", api.admin.child("amon-patched").description());
    ok(patch("amon-patched", "{\"description\": \"\"}"));
    assertEquals(null, api.admin.child("amon-patched").description(), "empty clears it");
    assertEquals(Map.of("proxy_port", "8081"), overrides(api.admin.child("amon-patched")));
  }

  @Test
  void change_withAnInvalidValue_storesNothingOfIt() throws Exception {
    create("amon-unchanged");
    ApiFixture.Snapshot before = api.snapshot();
    JsonNode body =
        refused(
            patch(
                "amon-unchanged",
                "{\"set\": {\"filter_level\": \"standard\", \"proxy_port\": \"http\","
                    + " \"no_such\": \"1\"}, \"description\": \"never stored\"}"),
            400);
    assertEquals("child model 'amon-unchanged' is not valid", body.path("error").asText());
    List<String> problems = problems(body);
    assertEquals(2, problems.size(), body::toString);
    assertTrue(problems.get(0).startsWith("set.no_such: neither the parent"), body::toString);
    assertTrue(problems.get(1).startsWith("set.proxy_port: "), body::toString);
    assertEquals(before, api.snapshot());
  }

  @Test
  void change_thatDoesNotApplyToTheChild_is400NamingEachField() throws Exception {
    create("amon-misfit");
    ApiFixture.Snapshot before = api.snapshot();
    JsonNode body =
        refused(
            patch(
                "amon-misfit",
                "{\"set\": {\"proxy_mode\": \"explicit\"},"
                    + " \"unset\": [\"dns_local_zones\", \"proxy_mode\", \"proxy_port\","
                    + " \"proxy_port\"], \"addServices\": [\"eole-vpn\"],"
                    + " \"removeServices\": [\"eole-vpn\", \"eole-dhcp\"]}"),
            400);
    assertEquals(
        "the change of child model 'amon-misfit' does not apply", body.path("error").asText());
    assertEquals(
        List.of(
            "unset 'dns_local_zones': the child does not set this variable",
            "unset 'proxy_mode': the same change sets it; keep one of the two",
            "unset 'proxy_port': given more than once",
            "addServices 'eole-vpn': it is also given to removeServices; keep one of the two"
                + " options",
            "removeServices 'eole-dhcp': the child removes this service already"),
        problems(body));
    assertEquals(before, api.snapshot());
  }

  @Test
  void change_addingWhatTheParentHas_isRefusedByTheChecksOfCreation() throws Exception {
    create("amon-checked");
    ApiFixture.Snapshot before = api.snapshot();
    JsonNode body = refused(patch("amon-checked", "{\"addServices\": [\"eole-proxy\"]}"), 400);
    assertEquals(
        List.of("addServices 'eole-proxy': the parent eole/2.9.0/amon already has this service"),
        problems(body));
    body = refused(patch("amon-checked", "{\"removeServices\": [\"eole-sso\"]}"), 400);
    assertEquals(
        List.of("removeServices 'eole-sso': the parent eole/2.9.0/amon has no such service"),
        problems(body));
    assertEquals(before, api.snapshot());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{}", "{\"set\": {}, \"unset\": [], \"addServices\": [], \"removeServices\": []}"})
  void change_ofNothing_is400(String body) throws Exception {
    create("amon-idle-" + body.length());
    ApiFixture.Snapshot before = api.snapshot();
    JsonNode error = refused(patch("amon-idle-" + body.length(), body), 400);
    assertTrue(
        error.path("error").asText().startsWith("the request body changes nothing"),
        error::toString);
    assertEquals(before, api.snapshot());
  }

  @Test
  void change_ofTheParentOrName_isAnUnknownField() throws Exception {
    create("amon-rooted");
    ApiFixture.Snapshot before = api.snapshot();
    for (String field : new String[] {"parent", "name"}) {
      JsonNode body =
          refused(patch("amon-rooted", "{\"" + field + "\": \"eole/2.8.1/amon\"}"), 400);
      assertEquals(
          List.of(
              field
                  + ": unknown field; the fields are addServices, description, removeServices,"
                  + " set, unset"),
          problems(body));
    }
    assertEquals(before, api.snapshot());
  }

  @Test
  void change_withFieldsOfTheWrongForm_is400NamingThem() throws Exception {
    create("amon-formed");
    ApiFixture.Snapshot before = api.snapshot();
    assertEquals(
        List.of("unset: must be a list of strings, not a string"),
        problems(refused(patch("amon-formed", "{\"unset\": \"filter_level\"}"), 400)));
    assertEquals(
        List.of("unset[0]: must be a string, not a number"),
        problems(refused(patch("amon-formed", "{\"unset\": [5]}"), 400)));
    assertEquals(
        List.of(
            "set.proxy_mode: must be a string in YAML flow style (as \"3128\" or \"[a, b]\"), not"
                + " an object",
            "set.proxy_port: must be a string in YAML flow style (as \"3128\" or \"[a, b]\"), not"
                + " null",
            "unset[0]: must be a string, not null"),
        problems(
            refused(
                patch(
                    "amon-formed",
                    "{\"set\": {\"proxy_port\": null, \"proxy_mode\": {\"value\": \"x\"}},"
                        + " \"unset\": [null]}"),
                400)));
    assertEquals(before, api.snapshot());
  }

  @Test
  void change_ofAnUnknownChild_is404_andOfAnInvalidName_is400() throws Exception {
    ApiFixture.Snapshot before = api.snapshot();
    refused(patch("nope", "{\"description\": \"x\"}"), 404);
    JsonNode body = refused(patch("Nope", "{\"description\": \"x\"}"), 400);
    assertTrue(body.path("error").asText().startsWith("name: "), body::toString);
    assertEquals(before, api.snapshot());
  }

  @Test
  void replace_ofJustTheOverrides_stillReplacesThem() throws Exception {
    create("amon-replaced");
    JsonNode replaced =
        ok(
            api.send(
                "PUT",
                CHILDREN + "/amon-replaced",
                api.aliceToken,
                "{\"parent\": \"eole/2.9.0/amon\", \"set\": {\"proxy_port\": 8082}}"));
    assertEquals("{\"proxy_port\":\"8082\"}", replaced.path("set").toString());
    StoredChild stored = api.admin.child("amon-replaced");
    assertEquals(Map.of("proxy_port", "8082"), overrides(stored));
    assertEquals(List.of(), stored.child().removedServices(), "what PUT leaves out is dropped");
    assertEquals(null, stored.description());
  }
}
