package dev.alize.consumer.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.consumer.http.ApiFixture;
import dev.alize.consumer.store.StoredConflict;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
 * The conflict pages over plain HTTP, as a script or an attacker would send them: each refused
 * request is answered with a status and a page in the console's words, and leaves the database as
 * it was.
 */
class ConsoleConflictsHttpTest {

  private static final String[] ACTIONS = {"acknowledge", "take-upstream", "set-value", "resolve"};
  private static final String SCRIPT = "<script>alert('x')</script>";

  @TempDir static Path temp;

  private static ApiFixture api;
  private static long changed;
  private static long ended;
  private ConsoleClient client;

  @BeforeAll
  static void start() throws Exception {
    api =
        ConflictSite.start(
            temp, List.of("amon-changed", "amon-values"), List.of(), List.of("amon-old"));
    changed = ConflictSite.conflict(api, "amon-changed", "default-changed").id();
    ended = ConflictSite.conflict(api, "amon-old", "end-of-support").id();
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @BeforeEach
  void signIn() throws Exception {
    client = new ConsoleClient("http://127.0.0.1:" + api.server.port());
    HttpResponse<String> signedIn = client.signIn(api.aliceToken);
    assertEquals(303, signedIn.statusCode(), signedIn.headers().map() + signedIn.body());
  }

  private static String path(long id, String action) {
    return "/console/conflicts/" + id + "/" + action;
  }

  @Test
  void theListAndAConflictsPageAreShown() throws Exception {
    HttpResponse<String> list = client.get("/console/conflicts");
    assertEquals(200, list.statusCode());
    assertTrue(list.body().contains("href=\"/console/conflicts/" + changed + "\""), list.body());

    HttpResponse<String> one = client.get("/console/conflicts/" + changed);
    assertEquals(200, one.statusCode());
    assertTrue(one.body().contains("Upstream changed variable &#39;proxy_cache_mb&#39;"));
  }

  @Test
  void aFormWithoutItsTokenIsRefusedAndChangesNothing() throws Exception {
    ApiFixture.Snapshot before = api.snapshot();
    for (String action : ACTIONS) {
      HttpResponse<String> answer =
          client.post(path(changed, action), Map.of("comment", "forged", "value", "7000"));
      assertEquals(403, answer.statusCode(), action);
      assertTrue(answer.body().contains("anti-forgery"), answer.body());
    }
    assertEquals(
        403,
        client
            .post("/console/conflicts/acknowledge", Map.of("id", Long.toString(changed)))
            .statusCode());
    assertEquals(before, api.snapshot());
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "0", "-1", "1.5", "99999999999999999999", "%2E%2E", "%3Cb%3E"})
  void anIdThatIsNoIdIsRefused(String id) throws Exception {
    ApiFixture.Snapshot before = api.snapshot();
    HttpResponse<String> page = client.get("/console/conflicts/" + id);
    assertEquals(400, page.statusCode(), page.body());
    assertTrue(page.body().contains("is not a conflict id: ids are positive integers"));
    assertFalse(page.body().contains("<b>"), page.body());
    for (String action : ACTIONS) {
      HttpResponse<String> answer =
          client.submit("/console/conflicts/" + id + "/" + action, Map.of("value", "7000"));
      assertEquals(400, answer.statusCode(), action + ": " + answer.body());
    }
    assertEquals(before, api.snapshot());
  }

  @Test
  void anUnknownIdIsNotFound() throws Exception {
    ApiFixture.Snapshot before = api.snapshot();
    assertEquals(404, client.get("/console/conflicts/99999").statusCode());
    for (String action : ACTIONS) {
      HttpResponse<String> answer = client.submit(path(99999, action), Map.of("value", "7000"));
      assertEquals(404, answer.statusCode(), action);
      assertTrue(answer.body().contains("no conflict 99999"), answer.body());
    }
    assertEquals(before, api.snapshot());
  }

  @Test
  void dotDotInThePathReachesNoAction() throws Exception {
    ApiFixture.Snapshot before = api.snapshot();
    String token = client.formToken("/console");
    for (String target :
        List.of(
            "/console/conflicts/../conflicts/" + changed + "/resolve",
            "/console/conflicts/" + changed + "/..%2Fresolve",
            "/console/conflicts/%2E%2E/resolve")) {
      HttpResponse<String> answer =
          client.send(
              client
                  .request(target)
                  .uri(URI.create("http://127.0.0.1:" + api.server.port() + target))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("csrf=" + token))
                  .build());
      assertTrue(answer.statusCode() >= 400 && answer.statusCode() < 500, target);
    }
    assertEquals(before, api.snapshot());
  }

  @Test
  void aHugeCommentIsRefusedInTheApisWords() throws Exception {
    ApiFixture.Snapshot before = api.snapshot();
    for (String action : ACTIONS) {
      HttpResponse<String> answer =
          client.submit(
              path(changed, action), Map.of("comment", "x".repeat(10_001), "value", "7000"));
      assertEquals(400, answer.statusCode(), action);
      assertTrue(answer.body().contains("comment: at most 10000 characters"), answer.body());
    }
    assertEquals(before, api.snapshot());
  }

  @Test
  void aControlCharacterInACommentIsRefused() throws Exception {
    ApiFixture.Snapshot before = api.snapshot();
    HttpResponse<String> answer =
        client.submit(path(changed, "resolve"), Map.of("comment", "bell\u0007"));
    assertEquals(400, answer.statusCode());
    assertTrue(
        answer.body().contains("comment: control characters and invalid UTF-16 are not allowed"),
        answer.body());
    assertEquals(before, api.snapshot());
  }

  @Test
  void aHugeValueIsRefusedInTheApisWords() throws Exception {
    ApiFixture.Snapshot before = api.snapshot();
    HttpResponse<String> answer =
        client.submit(path(changed, "set-value"), Map.of("value", "1".repeat(10_001)));
    assertEquals(400, answer.statusCode());
    assertTrue(
        answer.body().contains("set.proxy_cache_mb: at most 10000 characters, not 10001"),
        answer.body());
    assertEquals(before, api.snapshot());
  }

  @Test
  void aValueTheTypeRefusesIsShownAgainEscapedBesideItsField() throws Exception {
    ApiFixture.Snapshot before = api.snapshot();
    HttpResponse<String> answer =
        client.submit(path(changed, "set-value"), Map.of("value", SCRIPT, "comment", SCRIPT));
    assertEquals(400, answer.statusCode());
    assertFalse(answer.body().contains(SCRIPT), answer.body());
    assertTrue(answer.body().contains("&lt;script&gt;"), answer.body());
    assertTrue(answer.body().contains("id=\"value-error\""), answer.body());
    assertTrue(answer.body().contains("set.proxy_cache_mb: "), answer.body());
    assertEquals(before, api.snapshot());
  }

  @Test
  void aCommentWithHtmlIsKeptAsWrittenAndShownEscaped() throws Exception {
    HttpResponse<String> answer =
        client.submit(path(ended, "acknowledge"), Map.of("comment", SCRIPT + "\r\nnext line"));
    assertEquals(303, answer.statusCode(), answer.body());
    assertEquals(
        "/console/conflicts/" + ended + "?done=acknowledged",
        answer.headers().firstValue("location").orElseThrow());
    StoredConflict stored = api.admin.conflict(ended);
    assertEquals(SCRIPT + "\nnext line", stored.comment());

    String page = client.get("/console/conflicts/" + ended).body();
    assertFalse(page.contains(SCRIPT), page);
    assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), page);
  }

  @Test
  void setAnotherValueIsRefusedWithTheWordsOfTheApisPatch() throws Exception {
    ApiFixture.Snapshot before = api.snapshot();
    long id = ConflictSite.conflict(api, "amon-values", "default-changed").id();
    HttpResponse<String> page = client.submit(path(id, "set-value"), Map.of("value", "999999"));
    HttpResponse<String> patch =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(api.uri("/api/v1/children/amon-values"))
                    .header("Authorization", "Bearer " + api.aliceToken)
                    .header("Content-Type", "application/json")
                    .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString(
                            "{\"set\": {\"proxy_cache_mb\": \"999999\"}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertEquals(400, page.statusCode());
    assertEquals(400, patch.statusCode());
    String problem = new ObjectMapper().readTree(patch.body()).path("problems").get(0).asText();
    assertTrue(problem.startsWith("set.proxy_cache_mb: "), problem);
    String shown = problem.replace("'", "&#39;").replace("\"", "&quot;");
    assertTrue(page.body().contains(shown), shown + "\n" + page.body());
    assertEquals(before, api.snapshot());
  }

  @Test
  void aBadFilterIsShownBesideItsField() throws Exception {
    HttpResponse<String> answer =
        client.get("/console/conflicts?status=gone&severity=%3Cb%3E&datasource=..");
    assertEquals(400, answer.statusCode());
    assertTrue(
        answer
            .body()
            .contains("unknown status &#39;gone&#39;: use open, acknowledged, resolved, all"),
        answer.body());
    assertTrue(answer.body().contains("unknown severity &#39;&lt;b&gt;&#39;"), answer.body());
    assertTrue(answer.body().contains("invalid datasource name &#39;..&#39;"), answer.body());
    assertTrue(answer.body().contains("id=\"filter-error\""), answer.body());
  }

  @Test
  void bulkAcknowledgeIsAllOrNothing() throws Exception {
    ApiFixture.Snapshot before = api.snapshot();
    String good = Long.toString(changed);
    assertEquals(
        404, client.submit("/console/conflicts/acknowledge", Map.of("id", "99999")).statusCode());
    HttpResponse<String> unknown =
        client.post(
            "/console/conflicts/acknowledge",
            List.of(
                Map.entry("id", good),
                Map.entry("id", "99999"),
                Map.entry("csrf", client.formToken("/console"))));
    assertEquals(404, unknown.statusCode(), unknown.body());
    HttpResponse<String> notANumber =
        client.post(
            "/console/conflicts/acknowledge",
            List.of(
                Map.entry("id", good),
                Map.entry("id", "abc"),
                Map.entry("csrf", client.formToken("/console"))));
    assertEquals(400, notANumber.statusCode(), notANumber.body());
    HttpResponse<String> none =
        client.submit("/console/conflicts/acknowledge", Map.of("comment", "nothing ticked"));
    assertEquals(400, none.statusCode());
    assertTrue(none.body().contains("id: tick at least one conflict to acknowledge"), none.body());
    assertTrue(none.body().contains("value=\"nothing ticked\""), none.body());
    assertEquals(before, api.snapshot());
  }
}
