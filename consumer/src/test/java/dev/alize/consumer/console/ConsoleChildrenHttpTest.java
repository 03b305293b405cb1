package dev.alize.consumer.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.conflict.ChildOverride;
import dev.alize.consumer.http.ApiFixture;
import dev.alize.consumer.http.BodyLimits;
import dev.alize.consumer.store.StoredChild;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The child model and upstream model pages over plain HTTP, as a script or an attacker would use
 * them: each refused request is answered with a page, never a stack trace, and leaves the database
 * as it was.
 */
class ConsoleChildrenHttpTest {

  @TempDir static Path temp;

  private static ApiFixture api;
  private static ConsoleClient console;
  private ApiFixture.Snapshot before;

  @BeforeAll
  static void start() throws Exception {
    api = ApiFixture.start(temp.resolve("site"));
    api.createChild("kept");
    console = new ConsoleClient("http://127.0.0.1:" + api.server.port());
    assertEquals(303, console.signIn(api.aliceToken).statusCode());
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

  private void nothingChanged() {
    assertEquals(before, api.snapshot());
  }

  private static void refusedAsAPage(HttpResponse<String> answer, int status) {
    assertEquals(status, answer.statusCode(), answer::body);
    assertTrue(
        answer.headers().firstValue("content-type").orElse("").startsWith("text/html"),
        answer::body);
    assertFalse(answer.body().contains("Exception"), answer::body);
    assertFalse(answer.body().contains("\tat "), answer::body);
  }

  private static Map<String, String> newChild(String name, String... values) {
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put("name", name);
    fields.put("parent", "eole/2.8.1/amon");
    for (int i = 0; i < values.length; i += 2) {
      fields.put(values[i], values[i + 1]);
    }
    return fields;
  }

  @Test
  void pagesAnswer200() throws Exception {
    for (String path :
        List.of(
            "/console/children",
            "/console/children/new",
            "/console/children/new?datasource=eole&release=2.8.1",
            "/console/children/new?datasource=eole&release=2.8.1&model=amon",
            "/console/children/kept",
            "/console/children/kept/delete",
            "/console/models",
            "/console/models?datasource=eole&release=2.9.0",
            "/console/models/eole/2.8.1/amon")) {
      HttpResponse<String> page = console.get(path);
      assertEquals(200, page.statusCode(), () -> path + ": " + page.body());
    }
  }

  @Test
  void formsWithoutTheirToken_are403AndChangeNothing() throws Exception {
    refusedAsAPage(console.post("/console/children", newChild("forged")), 403);
    refusedAsAPage(console.post("/console/children/kept", Map.of("set.proxy_port", "9")), 403);
    refusedAsAPage(console.post("/console/children/kept/delete", Map.of()), 403);
    nothingChanged();
  }

  @Test
  void unknownNames_are404() throws Exception {
    refusedAsAPage(console.get("/console/children/nope"), 404);
    refusedAsAPage(console.submit("/console/children/nope", Map.of("set.proxy_port", "9")), 404);
    refusedAsAPage(console.submit("/console/children/nope/delete", Map.of()), 404);
    refusedAsAPage(console.get("/console/models/eole/2.8.1/nope"), 404);
    nothingChanged();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/console/children/..",
        "/console/children/%2e%2e",
        "/console/children/..%2Fkept",
        "/console/children/%3Cscript%3E",
        "/console/models/eole/..%2F..%2Fetc/amon",
        "/console/models/eole/2.8.1/..",
        "/console/children/new?datasource=..%2Fx",
        "/console/children/new?datasource=eole&release=2.8.1&model=%3Cb%3E",
        "/console/models?release=..%2F.."
      })
  void badNamesInPaths_areRefusedWithoutEchoingMarkup(String path) throws Exception {
    HttpResponse<String> answer = console.get(path);
    assertTrue(
        answer.statusCode() == 400 || answer.statusCode() == 404,
        () -> path + ": " + answer.statusCode() + " " + answer.body());
    assertFalse(answer.body().contains("<script>"), answer::body);
    assertFalse(answer.body().contains("<b>"), answer::body);
    nothingChanged();
  }

  @Test
  void deletingThroughABadPath_isRefused() throws Exception {
    HttpResponse<String> answer = console.submit("/console/children/..%2Fkept/delete", Map.of());
    assertTrue(answer.statusCode() == 400 || answer.statusCode() == 404, answer::body);
    nothingChanged();
  }

  @Test
  void aPortOutOfRange_isRefusedBesideItsInput() throws Exception {
    HttpResponse<String> answer =
        console.submit("/console/children/kept", Map.of("set.proxy_port", "99999"));

    refusedAsAPage(answer, 400);
    assertTrue(
        answer.body().contains("id=\"var-proxy_port-error\">port 99999 is outside 1..65535</p>"),
        answer::body);
    assertTrue(answer.body().contains("set.proxy_port: port 99999 is outside 1..65535"));
    nothingChanged();
  }

  @Test
  void hugeValues_are400NamingTheirFields() throws Exception {
    String big = "a".repeat(BodyLimits.MAX_TEXT + 1);
    HttpResponse<String> answer =
        console.submit(
            "/console/children",
            newChild(
                "b".repeat(BodyLimits.MAX_NAME + 1),
                "set.proxy_port",
                big,
                "set." + "c".repeat(BodyLimits.MAX_NAME + 1),
                "1",
                "addServices",
                "d".repeat(BodyLimits.MAX_NAME + 1),
                "description",
                big));

    refusedAsAPage(answer, 400);
    for (String problem :
        List.of(
            "name: at most 200 characters",
            "set.proxy_port: at most 10000 characters, not 10001",
            "set key: at most 200 characters",
            "addServices[0]: at most 200 characters",
            "description: at most 10000 characters")) {
      assertTrue(answer.body().contains(problem), () -> problem + " in " + answer.body());
    }
    nothingChanged();
  }

  @Test
  void thousandsOfFields_areRefused() throws Exception {
    List<Map.Entry<String, String>> variables = new ArrayList<>();
    List<Map.Entry<String, String>> unknown = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      variables.add(Map.entry("set.v" + i, "1"));
      unknown.add(Map.entry("field" + i, "1"));
    }
    for (List<Map.Entry<String, String>> fields : List.of(variables, unknown)) {
      List<Map.Entry<String, String>> all = new ArrayList<>();
      all.add(Map.entry("csrf", console.formToken("/console")));
      all.addAll(fields);
      HttpResponse<String> answer = console.post("/console/children/kept", all);
      // Refused by the server before the form is read (413) or by the form's count (400).
      refusedAsAPage(answer, answer.statusCode() == 413 ? 413 : 400);
      assertTrue(
          answer.statusCode() == 413
              || answer.body().contains("set: at most 500 entries")
              || answer.body().contains("field0: unknown field"),
          answer::body);
    }
    nothingChanged();
  }

  @Test
  void aFieldGivenTwice_isRefused() throws Exception {
    HttpResponse<String> answer =
        console.post(
            "/console/children/kept",
            List.of(
                Map.entry("set.proxy_port", "8081"),
                Map.entry("set.proxy_port", "8082"),
                Map.entry("csrf", console.formToken("/console"))));
    refusedAsAPage(answer, 400);
    assertTrue(answer.body().contains("set.proxy_port: given more than once"), answer::body);
    nothingChanged();
  }

  @Test
  void aChildIsNotRenamedNorReparentedByItsForm() throws Exception {
    HttpResponse<String> answer =
        console.submit(
            "/console/children/kept", Map.of("name", "other", "parent", "eole/2.9.0/amon"));
    refusedAsAPage(answer, 400);
    assertTrue(answer.body().contains("unknown field"), answer::body);
    nothingChanged();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../etc/passwd", "eole/2.8.1/nope", "eole/2.8.1", ""})
  void aBadParent_isRefused(String parent) throws Exception {
    Map<String, String> fields = newChild("orphan");
    fields.put("parent", parent);
    HttpResponse<String> answer = console.submit("/console/children", fields);
    refusedAsAPage(answer, 400);
    assertTrue(answer.body().contains("parent"), answer::body);
    nothingChanged();
  }

  @Test
  void aNameTaken_is409BesideTheName() throws Exception {
    HttpResponse<String> answer =
        console.submit("/console/children", newChild("kept", "set.proxy_port", "8081"));
    refusedAsAPage(answer, 409);
    assertTrue(
        answer.body().contains("id=\"name-error\">a child model named &#39;kept&#39; exists"),
        answer::body);
    nothingChanged();
  }

  @Test
  void controlCharacters_areRefused() throws Exception {
    HttpResponse<String> answer =
        console.submit("/console/children/kept", Map.of("description", "a\u001b[31mb"));
    refusedAsAPage(answer, 400);
    assertTrue(
        answer.body().contains("description: control characters and invalid UTF-16"), answer::body);
    nothingChanged();
  }

  @Test
  void markupInValuesAndDescriptions_isShownEscaped() throws Exception {
    String script = "<script>alert(1)</script>";
    HttpResponse<String> refused =
        console.submit(
            "/console/children/kept",
            Map.of("set.proxy_port", script, "set.<img src=x>", "1", "description", script));
    refusedAsAPage(refused, 400);
    assertFalse(refused.body().contains(script), refused::body);
    assertFalse(refused.body().contains("<img src=x>"), refused::body);
    assertTrue(refused.body().contains("&lt;script&gt;"), refused::body);
    nothingChanged();

    HttpResponse<String> created =
        console.submit(
            "/console/children",
            newChild("escaped", "set.establishment_name", script, "description", script));
    assertEquals(303, created.statusCode(), created::body);
    StoredChild stored = api.admin.child("escaped");
    assertEquals(script, stored.description());
    HttpResponse<String> page = console.get("/console/children/escaped");
    assertFalse(page.body().contains(script), page::body);
    assertTrue(page.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page::body);
    HttpResponse<String> list = console.get("/console/children");
    assertFalse(list.body().contains(script), list::body);
    api.admin.deleteChild("escaped");
  }

  @Test
  void anEmptyInputGivesTheVariableBackToTheParent() throws Exception {
    api.createChild("inherit");
    HttpResponse<String> answer =
        console.submit(
            "/console/children/inherit",
            Map.of(
                "set.proxy_port", "",
                "set.proxy_ntlm_auth", "true",
                "set.dns_local_zones", "dijon.lan\r\nacad.lan\r\n",
                "set.establishment_name", "Lycée: \"Jean\" Moulin",
                "description", ""));

    assertEquals(303, answer.statusCode(), answer::body);
    assertEquals(
        "/console/children/inherit?done=saved", answer.headers().firstValue("location").get());
    StoredChild stored = api.admin.child("inherit");
    assertEquals(
        List.of(
            new ChildOverride("dns_local_zones", "[dijon.lan, acad.lan]", null),
            new ChildOverride("establishment_name", "\"Lycée: \\\"Jean\\\" Moulin\"", null),
            new ChildOverride("proxy_ntlm_auth", "true", null)),
        stored.child().overrides().stream()
            .map(o -> new ChildOverride(o.variable(), o.valueText(), null))
            .toList());
    assertEquals("alice", stored.updatedBy());
    assertEquals(null, stored.description());
    HttpResponse<String> page = console.get("/console/children/inherit");
    assertTrue(page.body().contains("Lycée: &quot;Jean&quot; Moulin"), page::body);
    assertTrue(page.body().contains(">dijon.lan\nacad.lan</textarea>"), page::body);
    api.admin.deleteChild("inherit");
  }
}
