package dev.alize.consumer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alize.consumer.store.ConflictStore;
import dev.alize.consumer.store.StoredConflict;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Conflicts through the API: listed by status, read, acknowledged and resolved with a comment, as
 * the authenticated admin. Each test works on the conflict of a child of its own.
 */
class AdminApiConflictTest {

  private static final String CONFLICTS = "/api/v1/conflicts";

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

  /** The end-of-support conflict of a new child of eole/2.8.1/amon. */
  private static StoredConflict conflictOfNewChild(String child) {
    long childId = api.createChild(child).id();
    return api.admin.conflicts(ConflictStore.Status.OPEN).stream()
        .filter(c -> c.childId() == childId)
        .findFirst()
        .orElseThrow();
  }

  private static List<Long> ids(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response::body);
    List<Long> out = new ArrayList<>();
    ApiFixture.json(response).forEach(c -> out.add(c.path("id").asLong()));
    return out;
  }

  @Test
  void list_isOpenByDefault_andFiltersByStatus() throws Exception {
    StoredConflict conflict = conflictOfNewChild("amon-list");
    assertEquals("end-of-support", conflict.kind());
    assertTrue(ids(api.get(CONFLICTS, api.aliceToken)).contains(conflict.id()));
    assertTrue(ids(api.get(CONFLICTS + "?status=open", api.aliceToken)).contains(conflict.id()));
    assertTrue(ids(api.get(CONFLICTS + "?status=all", api.aliceToken)).contains(conflict.id()));
    assertTrue(
        !ids(api.get(CONFLICTS + "?status=resolved", api.aliceToken)).contains(conflict.id()));
    assertEquals(
        api.admin.conflicts(ConflictStore.Status.ALL).size(),
        ids(api.get(CONFLICTS + "?status=all", api.aliceToken)).size());

    HttpResponse<String> one = api.get(CONFLICTS + "/" + conflict.id(), api.bobToken);
    assertEquals(200, one.statusCode(), one::body);
    JsonNode body = ApiFixture.json(one);
    assertEquals("amon-list", body.path("child").asText());
    assertEquals("open", body.path("status").asText());
    assertEquals("2026-12-31", body.path("details").path("end-of-support").asText());
  }

  @Test
  void acknowledgeThenResolve_recordsTheAdminAndComment() throws Exception {
    StoredConflict conflict = conflictOfNewChild("amon-ack");
    HttpResponse<String> ack =
        api.send(
            "POST",
            CONFLICTS + "/" + conflict.id() + "/acknowledge",
            api.aliceToken,
            "{\"comment\": \"moving to 2.9.0 in March\"}");
    assertEquals(200, ack.statusCode(), ack::body);
    assertEquals("acknowledged", ApiFixture.json(ack).path("status").asText());
    StoredConflict stored = api.admin.conflict(conflict.id());
    assertEquals("acknowledged", stored.status());
    assertEquals("alice", stored.statusChangedBy());
    assertEquals("moving to 2.9.0 in March", stored.comment());
    assertTrue(ids(api.get(CONFLICTS, api.aliceToken)).stream().noneMatch(i -> i == conflict.id()));
    assertTrue(
        ids(api.get(CONFLICTS + "?status=acknowledged", api.aliceToken)).contains(conflict.id()));

    HttpResponse<String> resolved =
        api.send("POST", CONFLICTS + "/" + conflict.id() + "/resolve", api.bobToken, null);
    assertEquals(200, resolved.statusCode(), resolved::body);
    stored = api.admin.conflict(conflict.id());
    assertEquals("resolved", stored.status());
    assertEquals("bob", stored.statusChangedBy());
    assertEquals(null, stored.comment());
    assertTrue(
        ids(api.get(CONFLICTS + "?status=resolved", api.aliceToken)).contains(conflict.id()));

    // A resolved conflict cannot be acknowledged.
    HttpResponse<String> late =
        api.send("POST", CONFLICTS + "/" + conflict.id() + "/acknowledge", api.aliceToken, "{}");
    assertEquals(409, late.statusCode(), late::body);
    assertEquals(stored, api.admin.conflict(conflict.id()));
  }

  @Test
  void unknownConflict_is404_andChangesNothing() throws Exception {
    ApiFixture.Snapshot before = api.snapshot();
    assertEquals(404, api.get(CONFLICTS + "/999999", api.aliceToken).statusCode());
    for (String action : new String[] {"acknowledge", "resolve"}) {
      HttpResponse<String> response =
          api.send("POST", CONFLICTS + "/999999/" + action, api.aliceToken, "{}");
      assertEquals(404, response.statusCode(), response::body);
      assertEquals("no conflict 999999", ApiFixture.json(response).path("error").asText());
    }
    assertEquals(before, api.snapshot());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"abc", "1.5", "-1", "0", "1e3", "0x10", "99999999999999999999", "%20", "1%00"})
  void idThatIsNotAPositiveInteger_is400NamingTheId(String id) throws Exception {
    StoredConflict conflict = conflictOfNewChild("amon-id-" + Integer.toHexString(id.hashCode()));
    ApiFixture.Snapshot before = api.snapshot();
    List<HttpResponse<String>> responses =
        List.of(
            api.get(CONFLICTS + "/" + id, api.aliceToken),
            api.send("POST", CONFLICTS + "/" + id + "/acknowledge", api.aliceToken, "{}"),
            api.send("POST", CONFLICTS + "/" + id + "/resolve", api.aliceToken, "{}"));
    for (HttpResponse<String> response : responses) {
      assertEquals(400, response.statusCode(), response::body);
      assertTrue(
          ApiFixture.json(response).path("error").asText().matches("(id: |the path ).*"),
          response::body);
    }
    assertEquals(before, api.snapshot());
    assertEquals("open", api.admin.conflict(conflict.id()).status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"closed", "OPEN", "open,resolved", "*", "1"})
  void unknownStatusFilter_is400(String status) throws Exception {
    HttpResponse<String> response =
        api.get(
            CONFLICTS + "?status=" + java.net.URLEncoder.encode(status, "UTF-8"), api.aliceToken);
    assertEquals(400, response.statusCode(), response::body);
    assertTrue(
        ApiFixture.json(response).path("error").asText().startsWith("status: unknown status"),
        response::body);
  }

  @Test
  void hugeStatusFilter_isNotEchoedWhole() throws Exception {
    HttpResponse<String> response =
        api.get(CONFLICTS + "?status=" + "x".repeat(3000), api.aliceToken);
    assertEquals(400, response.statusCode(), response::body);
    assertTrue(response.body().length() < 300, response::body);
  }

  @Test
  void commentOfTheWrongForm_is400_andChangesNothing() throws Exception {
    StoredConflict conflict = conflictOfNewChild("amon-comment");
    String path = CONFLICTS + "/" + conflict.id() + "/acknowledge";
    for (String body :
        new String[] {
          "{\"comment\": 5}",
          "{\"comment\": [\"a\"]}",
          "{\"comment\": \"" + "x".repeat(BodyLimits.MAX_TEXT + 1) + "\"}",
          "{\"comment\": \"a\\u0000b\"}",
          "{\"comment\": \"ok\", \"status\": \"resolved\"}",
          "[\"comment\"]",
          "\"comment\""
        }) {
      HttpResponse<String> response = api.send("POST", path, api.aliceToken, body);
      assertEquals(400, response.statusCode(), response::body);
    }
    StoredConflict after = api.admin.conflict(conflict.id());
    assertEquals(conflict, after);
  }
}
