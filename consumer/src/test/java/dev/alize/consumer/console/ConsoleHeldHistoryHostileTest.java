package dev.alize.consumer.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.consumer.http.ApiFixture;
import dev.alize.consumer.importer.HeldReleases;
import dev.alize.consumer.store.HeldRelease;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The held releases, history, rollback and sync pages over plain HTTP, as a script or an attacker
 * would send them: each refusal is a page in the API's words, and leaves the database as it was.
 * eole 2.0.0 is held for approval.
 */
class ConsoleHeldHistoryHostileTest {

  private static final String HUGE = "a".repeat(3000);

  @TempDir static Path temp;
  private static ApiFixture api;
  private ConsoleClient console;
  private ApiFixture.Snapshot before;

  @BeforeAll
  static void start() throws Exception {
    api = ApiFixture.start(temp.resolve("site"));
    api.context
        .getBean(HeldReleases.class)
        .record(
            ApiFixture.REPOSITORY,
            List.of("eole"),
            List.of(
                new HeldRelease(
                    "eole", "2.0.0", ApiFixture.REPOSITORY, "1.1.0", "MAJOR", ApiFixture.NOW)));
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @BeforeEach
  void signIn() throws Exception {
    console = new ConsoleClient("http://127.0.0.1:" + api.server.port());
    assertEquals(303, console.signIn(api.aliceToken).statusCode());
    before = api.snapshot();
  }

  @AfterEach
  void nothingChanged() {
    assertEquals(before, api.snapshot());
  }

  private static void assertRefused(int status, String message, HttpResponse<String> answer) {
    assertEquals(status, answer.statusCode(), answer::body);
    assertTrue(
        answer.headers().firstValue("content-type").orElse("").startsWith("text/html"),
        answer::body);
    assertTrue(answer.body().contains(message), answer::body);
  }

  @Test
  void formsWithoutTheFormToken_areRefused_beforeAnythingChanges() throws Exception {
    for (String path :
        List.of(
            "/console/held/eole/2.0.0/approve",
            "/console/held/eole/2.0.0/withdraw",
            "/console/datasources/eole/rollback",
            "/console/repositories/upstream/sync")) {
      assertRefused(
          403, "no valid anti-forgery token", console.post(path, Map.of("from", "1.1.0")));
    }
  }

  @Test
  void aRollbackConfirmedFromAnotherVersion_orWithoutOne_isRefused() throws Exception {
    assertRefused(
        409,
        "eole is at 1.1.0 now, not at 1.0.0 as when the rollback was confirmed",
        console.submit("/console/datasources/eole/rollback", Map.of("from", "1.0.0")));
    assertRefused(
        400,
        "from: &#39;&#39; is not a version",
        console.submit("/console/datasources/eole/rollback", Map.of()));
    assertRefused(
        400,
        "from: &#39;1.x&#39; is not a version",
        console.submit("/console/datasources/eole/rollback", Map.of("from", "1.x")));
  }

  @Test
  void unknownDatasources_areNotFound_andInvalidNames_badRequests() throws Exception {
    assertRefused(
        404,
        "no datasource &#39;acme&#39; has been imported",
        console.get("/console/datasources/acme/rollback"));
    assertRefused(
        404,
        "no datasource &#39;acme&#39; has been imported",
        console.submit("/console/datasources/acme/rollback", Map.of("from", "1.1.0")));
    assertRefused(400, "name: invalid", console.get("/console/datasources/EOLE/rollback"));
    assertRefused(
        400,
        "name: invalid",
        console.submit("/console/datasources/" + HUGE + "/rollback", Map.of("from", "1.1.0")));
    assertRefused(400, "datasource: invalid", console.get("/console/history?datasource=EOLE"));
    assertRefused(
        400, "limit: &#39;0&#39; is not a number", console.get("/console/history?limit=0"));
    assertRefused(
        404,
        "no release acme 2.0.0 is held for approval",
        console.submit("/console/held/acme/2.0.0/approve", Map.of()));
    assertRefused(
        404,
        "no repository &#39;elsewhere&#39; is configured",
        console.submit("/console/repositories/elsewhere/sync", Map.of()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.x", "2.0", "..", "%2e%2e", "2.0.0%2F..", "-1.0.0"})
  void badVersions_areRefused_onEveryHeldReleasePath(String version) throws Exception {
    assertRefused(400, "version: ", console.get("/console/held/eole/" + version));
    assertRefused(
        400, "version: ", console.submit("/console/held/eole/" + version + "/approve", Map.of()));
    assertRefused(
        400, "version: ", console.submit("/console/held/eole/" + version + "/withdraw", Map.of()));
  }

  @Test
  void aHugeVersion_isRefused() throws Exception {
    HttpResponse<String> answer =
        console.submit("/console/held/eole/" + HUGE + "/approve", Map.of());
    assertRefused(400, "version: &#39;" + "a".repeat(40) + "...&#39; is not a version", answer);
  }

  @Test
  void dotDotInAPath_neverReachesAnotherPage() throws Exception {
    assertRefused(400, "datasource: invalid", console.get("/console/held/../2.0.0"));
    assertRefused(
        400, "datasource: invalid", console.submit("/console/held/%2e%2e/2.0.0/approve", Map.of()));
    assertRefused(400, "name: invalid", console.get("/console/datasources/%2e%2e/rollback"));
  }

  @Test
  void approvingAReleaseThatIsNotHeld_isRefused() throws Exception {
    assertRefused(
        404,
        "no release eole 1.2.0 is held for approval",
        console.submit("/console/held/eole/1.2.0/approve", Map.of()));
    assertRefused(
        404, "no release eole 1.2.0 is held for approval", console.get("/console/held/eole/1.2.0"));
  }

  @Test
  void withdrawingAnApprovalThatDoesNotExist_isNotFound() throws Exception {
    assertRefused(
        404,
        "no approval of eole 2.0.0 to withdraw",
        console.submit("/console/held/eole/2.0.0/withdraw", Map.of()));
  }

  @Test
  void formsSentOneAfterAnother_areEachAnsweredInTheConsolesWords() throws Exception {
    // A script sends a form's headers and body apart: each must be answered, never a bare 503.
    String token = console.formToken("/console");
    for (int i = 0; i < 40; i++) {
      assertRefused(
          404,
          "no release eole 1.2.0 is held for approval",
          console.post("/console/held/eole/1.2.0/approve", Map.of(ConsoleForms.FIELD, token)));
    }
  }

  @Test
  void theConfirmationPageChangesNothing_andCarriesTheVersionItConfirms() throws Exception {
    HttpResponse<String> page = console.get("/console/datasources/eole/rollback");

    assertEquals(200, page.statusCode(), page::body);
    assertTrue(page.body().contains("name=\"from\" value=\"1.1.0\""), page::body);
  }
}
