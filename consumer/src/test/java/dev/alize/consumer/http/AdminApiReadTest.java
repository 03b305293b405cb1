package dev.alize.consumer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alize.consumer.store.ModelSummary;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Status, upstream models, the import history, approvals and sync through the API. */
class AdminApiReadTest {

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

  private static JsonNode ok(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response::body);
    return ApiFixture.json(response);
  }

  private static JsonNode refused(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response::body);
    JsonNode body = ApiFixture.json(response);
    assertTrue(body.path("error").isTextual(), response::body);
    return body;
  }

  @Test
  void status_givesEachRepositoryAndItsDatasources() throws Exception {
    JsonNode status = ok(api.get("/api/v1/status", api.aliceToken));
    JsonNode upstream = status.path("repositories").get(0);
    assertEquals("upstream", upstream.path("name").asText());
    assertTrue(upstream.path("configured").asBoolean());
    assertTrue(upstream.path("status").has("lastSuccess"), upstream::toString);
    JsonNode eole = upstream.path("datasources").get(0);
    assertEquals("eole", eole.path("name").asText());
    assertEquals("1.1.0", eole.path("version").asText());
    assertEquals("1.0.0", eole.path("previousVersion").asText());
    assertEquals((int) api.admin.modelCounts().get("eole"), eole.path("models").asInt());
    assertTrue(eole.path("pinnedBelow").isNull(), eole::toString);
  }

  @Test
  void models_listsEveryModel_orOneDatasources() throws Exception {
    List<String> all = new ArrayList<>();
    ok(api.get("/api/v1/models", api.aliceToken))
        .forEach(
            m ->
                all.add(
                    m.path("datasource").asText()
                        + "/"
                        + m.path("release").asText()
                        + "/"
                        + m.path("name").asText()));
    assertEquals(api.admin.models(null).stream().map(ModelSummary::path).toList(), all);
    assertEquals(all.size(), ok(api.get("/api/v1/models?datasource=eole", api.aliceToken)).size());
    assertEquals(
        0, ok(api.get("/api/v1/models?datasource=acme-monitoring", api.aliceToken)).size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"EOLE", "eole%2F..", "..", "%00", "a%20b"})
  void models_withAnInvalidDatasource_is400(String datasource) throws Exception {
    JsonNode body =
        refused(api.get("/api/v1/models?datasource=" + datasource, api.aliceToken), 400);
    assertTrue(body.path("error").asText().startsWith("datasource: "), body::toString);
  }

  @Test
  void model_givesEffectiveVariablesWithTheirProvenance() throws Exception {
    JsonNode amon = ok(api.get("/api/v1/models/eole/2.9.0/amon", api.aliceToken));
    assertEquals(List.of("eolebase", "amon"), texts(amon.path("chain")));
    assertEquals(false, amon.path("withdrawn").asBoolean(true));
    JsonNode port = variable(amon, "proxy_port");
    assertEquals("eole-proxy", port.path("service").asText());
    assertEquals("port", port.path("type").asText());
    assertTrue(port.path("value").isIntegralNumber(), port::toString);
    assertTrue(port.path("source").asText().startsWith("services/"), port::toString);
    JsonNode serverName = variable(amon, "server_name");
    assertEquals("amon", serverName.path("value").asText());
    assertEquals("servermodels/2.9.0/amon.yaml", serverName.path("source").asText());
    JsonNode bypass = variable(amon, "proxy_bypass");
    assertTrue(bypass.path("value").isArray(), bypass::toString);
    assertEquals("list of cidr", bypass.path("type").asText());
    JsonNode uai = variable(amon, "uai_code");
    assertTrue(uai.path("value").isNull() && uai.path("source").isNull(), uai::toString);
  }

  private static JsonNode variable(JsonNode model, String name) {
    for (JsonNode v : model.path("variables")) {
      if (v.path("name").asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no variable " + name + " in " + model);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void model_thatDoesNotExist_is404_andAnInvalidName_is400() throws Exception {
    refused(api.get("/api/v1/models/eole/2.9.0/nope", api.aliceToken), 404);
    refused(api.get("/api/v1/models/eole/9.9.9/amon", api.aliceToken), 404);
    refused(api.get("/api/v1/models/acme/2.9.0/amon", api.aliceToken), 404);
    assertTrue(
        refused(api.get("/api/v1/models/EOLE/2.9.0/amon", api.aliceToken), 400)
            .path("error")
            .asText()
            .startsWith("datasource: "));
    assertTrue(
        refused(api.get("/api/v1/models/eole/-2.9/amon", api.aliceToken), 400)
            .path("error")
            .asText()
            .startsWith("release: "));
    assertTrue(
        refused(api.get("/api/v1/models/eole/2.9.0/Amon", api.aliceToken), 400)
            .path("error")
            .asText()
            .startsWith("model: "));
  }

  @Test
  void imports_giveTheHistoryNewestFirst() throws Exception {
    JsonNode all = ok(api.get("/api/v1/imports", api.aliceToken));
    assertEquals(api.admin.imports(null, 50).size(), all.size());
    assertEquals("1.1.0", all.get(0).path("toVersion").asText());
    assertEquals("1.0.0", all.get(1).path("toVersion").asText());
    assertEquals("success", all.get(0).path("outcome").asText());
    assertEquals(18, all.get(0).path("counts").path("unchanged").asInt());
    assertEquals(1, ok(api.get("/api/v1/imports?limit=1", api.aliceToken)).size());
    assertEquals(
        2, ok(api.get("/api/v1/imports?datasource=eole&limit=1000", api.aliceToken)).size());
    assertEquals(0, ok(api.get("/api/v1/imports?datasource=acme", api.aliceToken)).size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "1001", "abc", "1.5", "99999999999"})
  void imports_withALimitOutOfRange_is400(String limit) throws Exception {
    JsonNode body = refused(api.get("/api/v1/imports?limit=" + limit, api.aliceToken), 400);
    assertTrue(body.path("error").asText().startsWith("limit: "), body::toString);
  }

  @Test
  void approvals_areListedAndAdded() throws Exception {
    assertEquals(0, ok(api.get("/api/v1/approvals", api.aliceToken)).size());
    JsonNode approved =
        ok(
            api.send(
                "POST",
                "/api/v1/approvals",
                api.aliceToken,
                "{\"datasource\": \"eole\", \"version\": \"2.0.0\"}"));
    assertEquals("eole", approved.path("datasource").asText());
    assertEquals("2.0.0", approved.path("version").asText());
    assertEquals(Set.of("eole 2.0.0"), api.importer.approvals());
    // Approving again keeps the one approval.
    ok(
        api.send(
            "POST",
            "/api/v1/approvals",
            api.bobToken,
            "{\"datasource\": \"eole\", \"version\": \"2.0.0\"}"));
    JsonNode list = ok(api.get("/api/v1/approvals", api.aliceToken));
    assertEquals(1, list.size());
    assertEquals("2.0.0", list.get(0).path("version").asText());
  }

  @Test
  void approval_isWithdrawn_andWithdrawingOneThatDoesNotExistIs404() throws Exception {
    ok(
        api.send(
            "POST",
            "/api/v1/approvals",
            api.aliceToken,
            "{\"datasource\": \"eole\", \"version\": \"2.0.0\"}"));
    HttpResponse<String> withdrawn =
        api.send("DELETE", "/api/v1/approvals/eole/2.0.0", api.bobToken, null);
    assertEquals(204, withdrawn.statusCode(), withdrawn::body);
    assertEquals(Set.of(), api.importer.approvals());

    JsonNode missing =
        refused(api.send("DELETE", "/api/v1/approvals/eole/2.0.0", api.bobToken, null), 404);
    assertEquals("no approval of eole 2.0.0 to withdraw", missing.path("error").asText());
    JsonNode notAVersion =
        refused(api.send("DELETE", "/api/v1/approvals/eole/two", api.bobToken, null), 400);
    assertEquals(
        "version: 'two' is not a version: write MAJOR.MINOR.PATCH",
        notAVersion.path("error").asText());
    refused(api.send("DELETE", "/api/v1/approvals/EOLE/2.0.0", api.bobToken, null), 400);
    refused(api.send("DELETE", "/api/v1/approvals/eole/2.0.0", null, null), 401);
  }

  @Test
  void approval_ofAReleaseNoRepositoryPublishes_is404_andStoresNothing() throws Exception {
    ApiFixture.Snapshot before = api.snapshot();
    for (String[] release :
        new String[][] {{"eole", "3.0.0"}, {"eole", "2.0.1"}, {"acme-monitoring", "2.0.0"}}) {
      JsonNode body =
          refused(
              api.send(
                  "POST",
                  "/api/v1/approvals",
                  api.aliceToken,
                  "{\"datasource\": \"" + release[0] + "\", \"version\": \"" + release[1] + "\"}"),
              404);
      assertEquals(
          "no release "
              + release[0]
              + " "
              + release[1]
              + " in the signed metadata the last successful sync verified: approve a release"
              + " that a configured repository publishes, after a sync",
          body.path("error").asText());
    }
    assertEquals(before, api.snapshot());
  }

  @Test
  void approval_ofAReleaseInStoredMetadataThatNoLongerVerifies_is404() throws Exception {
    Path targets = api.statuses.folder().metadata(ApiFixture.REPOSITORY).resolve("targets.json");
    String signed = Files.readString(targets);
    // The release facts of eole 2.0.0 made those of 3.0.0, past the signature.
    Files.writeString(
        targets, signed.replace("eole-2.0.0", "eole-3.0.0").replace("\"2.0.0\"", "\"3.0.0\""));
    try {
      ApiFixture.Snapshot before = api.snapshot();
      refused(
          api.send(
              "POST",
              "/api/v1/approvals",
              api.aliceToken,
              "{\"datasource\": \"eole\", \"version\": \"3.0.0\"}"),
          404);
      assertEquals(before, api.snapshot());
    } finally {
      Files.writeString(targets, signed);
    }
  }

  @Test
  void approval_ofSomethingThatIsNotAVersionOrName_is400() throws Exception {
    Set<String> before = api.importer.approvals();
    for (String[] bad :
        new String[][] {
          {"{\"datasource\": \"eole\", \"version\": \"two\"}", "version: 'two' is not a version"},
          {"{\"datasource\": \"eole\", \"version\": \"\"}", "version: '' is not a version"},
          {"{\"datasource\": \"eole\", \"version\": 2}", "version: must be a string"},
          {"{\"datasource\": \"eole\"}", "version: required"},
          {"{\"version\": \"2.0.0\"}", "datasource: required"},
          {"{\"datasource\": \"EOLE\", \"version\": \"2.0.0\"}", "datasource: invalid datasource"},
          {"{\"datasource\": \"../x\", \"version\": \"2.0.0\"}", "datasource: invalid datasource"}
        }) {
      JsonNode body = refused(api.send("POST", "/api/v1/approvals", api.aliceToken, bad[0]), 400);
      assertTrue(body.path("problems").toString().contains(bad[1]), () -> bad[0] + " gave " + body);
    }
    assertEquals(before, api.importer.approvals());
  }

  @Test
  void sync_runsTheRepositoryNow_andAnUnknownOneIs404() throws Exception {
    int before = api.syncs.get();
    JsonNode lines =
        ok(api.send("POST", "/api/v1/repositories/upstream/sync", api.aliceToken, null));
    assertEquals(before + 1, api.syncs.get());
    assertEquals("upstream/eole", lines.get(0).path("subject").asText());
    assertEquals("UP_TO_DATE", lines.get(0).path("outcome").asText());
    assertTrue(api.statuses.read("upstream").nextAttempt != null);

    refused(api.send("POST", "/api/v1/repositories/nope/sync", api.aliceToken, null), 404);
    refused(api.send("POST", "/api/v1/repositories/Upstream/sync", api.aliceToken, null), 404);
    assertEquals(before + 1, api.syncs.get());
  }
}
