package dev.alize.publisher.api;

import static dev.alize.publisher.cli.SampleDatasources.ACME;
import static dev.alize.publisher.cli.SampleDatasources.EOLE;
import static dev.alize.publisher.cli.SampleDatasources.EOLE_NEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alize.common.token.TokenValue;
import dev.alize.publisher.cli.SampleDatasources;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every call the write API refuses, against one server whose repository holds eole 1.0.0: each
 * answers its status with a JSON error, and leaves the repository byte for byte as it was.
 */
class WriteApiRefusalsTest {

  private static final String RELEASES = "/api/v1/datasources/eole/releases";

  @TempDir static Path temp;

  private static ApiServer api;
  private SortedMap<String, String> before;

  @BeforeAll
  static void start() throws Exception {
    api = ApiServer.start(temp);
    HttpResponse<String> first =
        api.post(RELEASES + "?version=1.0.0", api.eoleToken, TestArchives.of(EOLE));
    assertEquals(201, first.statusCode(), first::body);
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @BeforeEach
  void snapshot() {
    before = api.files();
  }

  @AfterEach
  void repositoryUnchanged() {
    assertEquals(before, api.files(), "a refused call changed the repository");
  }

  private static JsonNode refused(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response::body);
    assertEquals(
        "application/json",
        response.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""));
    JsonNode body = ApiServer.json(response);
    assertTrue(body.path("error").isTextual(), response::body);
    return body;
  }

  private static String error(HttpResponse<String> response, int status) {
    return refused(response, status).get("error").asText();
  }

  // authentication and authorization

  @Test
  void release_withoutAToken_is401WithABearerChallenge() throws Exception {
    HttpResponse<String> response =
        api.post(RELEASES + "?version=1.1.0", null, TestArchives.of(EOLE));
    assertEquals(
        "a valid token is required: send it as 'Authorization: Bearer TOKEN'",
        error(response, 401));
    assertTrue(
        response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
        response.headers()::toString);
    assertEquals(
        "Bearer realm=\"alize-publisher\"",
        response.headers().firstValue("WWW-Authenticate").orElse(""));
  }

  @Test
  void release_withAWrongToken_is401() throws Exception {
    String wrong = TokenValue.generate(new java.security.SecureRandom());
    refused(api.post(RELEASES + "?version=1.1.0", wrong, TestArchives.of(EOLE)), 401);
  }

  @Test
  void release_withTheHashInsteadOfTheToken_is401() throws Exception {
    String hash = TokenValue.sha256Hex(api.eoleToken);
    refused(api.post(RELEASES + "?version=1.1.0", hash, TestArchives.of(EOLE)), 401);
  }

  @Test
  void release_withBasicAuthentication_is401() throws Exception {
    HttpResponse<String> response =
        api.client.send(
            HttpRequest.newBuilder(api.uri(RELEASES + "?version=1.1.0"))
                .header("Authorization", "Basic ZW9sZTplb2xl")
                .header("Content-Type", ApiServer.GZIP)
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestArchives.of(EOLE)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    refused(response, 401);
  }

  @Test
  void release_withAcmesTokenOnEole_is403() throws Exception {
    assertEquals(
        "token acme-ci may not change datasource eole",
        error(api.post(RELEASES + "?version=1.1.0", api.acmeToken, TestArchives.of(EOLE)), 403));
  }

  @Test
  void lifecycle_withAcmesTokenOnEole_is403() throws Exception {
    for (String action :
        List.of(
            "promote?channel=stable",
            "deprecate?reason=old",
            "revoke?reason=bad",
            "rollout?plan=50%25",
            "halt?reason=bad",
            "resume",
            "reject?reason=bad")) {
      refused(api.post(RELEASES + "/1.0.0/" + action, api.acmeToken), 403);
    }
  }

  @Test
  void lifecycle_withoutAToken_is401() throws Exception {
    for (String action :
        List.of("promote?channel=stable", "deprecate?reason=old", "revoke?reason=bad")) {
      refused(api.post(RELEASES + "/1.0.0/" + action, null), 401);
    }
  }

  // names

  @ParameterizedTest
  @ValueSource(
      strings = {
        "..",
        "EOLE",
        "a%2Fb",
        "a%2fb",
        "%2e%2e",
        "%2E%2E",
        "eole%2F..%2Facme-monitoring",
        "..%5Ceole",
        "e%00ole",
        "-eole",
        "%65ole",
        "eole.",
        "eole_ci"
      })
  void unsafeDatasourceName_is400BeforeAnythingElse(String name) throws Exception {
    for (String token : new String[] {api.eoleToken, null}) {
      String response =
          api.raw(
              "POST",
              "/api/v1/datasources/" + name + "/releases?version=1.1.0",
              token,
              TestArchives.of(EOLE));
      assertEquals("HTTP/1.1 400", response.substring(0, 12), response);
      assertTrue(response.contains("\"error\""), response);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/datasources/../releases", "/api/v1/datasources/%2e%2e"})
  void unsafeDatasourceName_isRefusedOnReadsToo(String target) throws Exception {
    String response = api.raw("GET", target, null, new byte[0]);
    assertEquals("HTTP/1.1 400", response.substring(0, 12), response);
  }

  @Test
  void overlongDatasourceName_is400() throws Exception {
    refused(
        api.post(
            "/api/v1/datasources/" + "a".repeat(64) + "/releases?version=1.1.0",
            api.eoleToken,
            TestArchives.of(EOLE)),
        400);
  }

  // the upload

  @Test
  void upload_declaredOverTheLimit_is413() throws Exception {
    byte[] big = TestArchives.incompressible(3, 600 * 1024);
    assertTrue(big.length > ApiServer.MAX_UPLOAD);
    String response = api.raw("POST", RELEASES + "?version=1.1.0", api.eoleToken, big);
    assertEquals("HTTP/1.1 413", response.substring(0, 12), response);
    assertTrue(response.contains("max-upload-bytes"), response);
  }

  @Test
  void serversRequestLimit_isTheUploadLimit() {
    assertEquals(
        ApiServer.MAX_UPLOAD,
        api.server
            .context()
            .getBean(io.micronaut.http.server.HttpServerConfiguration.class)
            .getMaxRequestSize());
  }

  @Test
  void upload_chunkedOverTheLimit_is413() throws Exception {
    byte[] big = TestArchives.incompressible(3, 600 * 1024);
    HttpResponse<String> response =
        api.post(
            RELEASES + "?version=1.1.0",
            api.eoleToken,
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)),
            ApiServer.GZIP);
    assertTrue(error(response, 413).contains(ApiServer.MAX_UPLOAD + " bytes"), response::body);
  }

  @Test
  void upload_withAParentPathEntry_is400NamingTheEntry() throws Exception {
    JsonNode body =
        refused(
            api.post(
                RELEASES + "?version=1.1.0",
                api.eoleToken,
                TestArchives.withExtraFile(
                    EOLE, "../evil", "owned".getBytes(StandardCharsets.UTF_8))),
            400);
    assertEquals("../evil", body.get("entry").asText());
    assertTrue(body.get("error").asText().contains("'../evil'"), body::toString);
  }

  @Test
  void upload_withAnAbsolutePathEntry_is400NamingTheEntry() throws Exception {
    JsonNode body =
        refused(
            api.post(
                RELEASES + "?version=1.1.0",
                api.eoleToken,
                TestArchives.withExtraFile(
                    EOLE, "/etc/cron.d/evil", "owned".getBytes(StandardCharsets.UTF_8))),
            400);
    assertEquals("/etc/cron.d/evil", body.get("entry").asText());
  }

  @Test
  void upload_withASymbolicLink_is400NamingTheEntry() throws Exception {
    JsonNode body =
        refused(
            api.post(
                RELEASES + "?version=1.1.0",
                api.eoleToken,
                TestArchives.withSymlink(EOLE, "services/passwd.yaml", "/etc/passwd")),
            400);
    assertEquals("services/passwd.yaml", body.get("entry").asText());
    assertTrue(body.get("error").asText().contains("links are not allowed"), body::toString);
  }

  @Test
  void upload_ofBytesThatAreNotGzip_is400() throws Exception {
    JsonNode body =
        refused(
            api.post(
                RELEASES + "?version=1.1.0",
                api.eoleToken,
                "datasource.yaml: not an archive".getBytes(StandardCharsets.UTF_8)),
            400);
    assertTrue(body.get("error").asText().contains("not a gzip stream"), body::toString);
    assertFalse(body.has("entry"));
  }

  @Test
  void upload_truncated_is400() throws Exception {
    byte[] archive = TestArchives.of(EOLE);
    byte[] half = java.util.Arrays.copyOf(archive, archive.length / 2);
    refused(api.post(RELEASES + "?version=1.1.0", api.eoleToken, half), 400);
  }

  @Test
  void upload_empty_is400() throws Exception {
    refused(api.post(RELEASES + "?version=1.1.0", api.eoleToken, new byte[0]), 400);
  }

  @Test
  void upload_asJson_is415() throws Exception {
    HttpResponse<String> response =
        api.post(
            RELEASES + "?version=1.1.0",
            api.eoleToken,
            HttpRequest.BodyPublishers.ofString("{}"),
            "application/json");
    assertEquals(415, response.statusCode(), response::body);
  }

  @Test
  void upload_asJson_withoutAValidToken_is401NotA415() throws Exception {
    for (String token : new String[] {null, "not-a-token"}) {
      HttpResponse<String> response =
          api.post(
              RELEASES + "?version=1.1.0",
              token,
              HttpRequest.BodyPublishers.ofString("{}"),
              "application/json");
      assertEquals(401, response.statusCode(), response::body);
      assertTrue(response.headers().firstValue("WWW-Authenticate").isPresent(), response::body);
      assertTrue(response.body().contains("\"error\""), response::body);
    }
  }

  @Test
  void upload_ofAnotherDatasource_is400() throws Exception {
    assertEquals(
        "the archive holds datasource 'acme-monitoring' (its datasource.yaml), not 'eole'",
        error(api.post(RELEASES + "?version=1.1.0", api.eoleToken, TestArchives.of(ACME)), 400));
  }

  @Test
  void upload_ofAnInvalidDatasource_is422WithEveryProblem() throws Exception {
    Path dir = SampleDatasources.copy(EOLE, temp.resolve("eole-broken-" + System.nanoTime()));
    Path hapy = dir.resolve("servermodels/2.8.1/hapy.yaml");
    Path scribe = dir.resolve("servermodels/2.8.1/scribe.yaml");
    SampleDatasources.replace(hapy, "extends: eolebase", "extends: eole-base");
    SampleDatasources.replace(scribe, "fileshare_quota_mb: 2000", "fileshare_quota_mb: 2 GB");
    int[] extendsAt = SampleDatasources.positionOf(hapy, "eole-base");
    int[] quotaAt = SampleDatasources.positionOf(scribe, "2 GB");

    JsonNode body =
        refused(api.post(RELEASES + "?version=1.1.0", api.eoleToken, TestArchives.of(dir)), 422);
    assertEquals(
        "2 problem(s); the datasource is not valid, nothing was changed",
        body.get("error").asText());
    List<String> problems = new ArrayList<>();
    body.get("problems")
        .forEach(
            p ->
                problems.add(
                    p.get("file").asText()
                        + ":"
                        + p.get("line").asInt()
                        + ":"
                        + p.get("column").asInt()
                        + ": "
                        + p.get("message").asText()));
    assertEquals(
        List.of(
            "eole/servermodels/2.8.1/hapy.yaml:"
                + extendsAt[0]
                + ":"
                + extendsAt[1]
                + ": model 'hapy' extends 'eole-base', which is not a model of release 2.8.1",
            "eole/servermodels/2.8.1/scribe.yaml:"
                + quotaAt[0]
                + ":"
                + quotaAt[1]
                + ": value of 'fileshare_quota_mb': expected an integer written in decimal,"
                + " found '2 GB'"),
        problems);
  }

  @Test
  void upload_withoutADatasourceYaml_is422() throws Exception {
    JsonNode body =
        refused(
            api.post(
                RELEASES + "?version=1.1.0",
                api.eoleToken,
                TestArchives.withExtraFile(temp.resolve("absent"), "notes.txt", new byte[] {'x'})),
            422);
    assertTrue(body.get("problems").toString().contains("datasource.yaml"), body::toString);
  }

  // versions and parameters

  @Test
  void release_sameVersionAgain_is409() throws Exception {
    assertEquals(
        "version 1.0.0 is not above 1.0.0, the last release of eole (a version is never reused,"
            + " even after a revoke): use 1.0.1 or above",
        error(api.post(RELEASES + "?version=1.0.0", api.eoleToken, TestArchives.of(EOLE)), 409));
  }

  @Test
  void release_lowerVersion_is409() throws Exception {
    assertTrue(
        error(api.post(RELEASES + "?version=0.9.0", api.eoleToken, TestArchives.of(EOLE)), 409)
            .startsWith("version 0.9.0 is not above 1.0.0,"));
  }

  @Test
  void release_understatingAMajorChange_is409() throws Exception {
    String message =
        error(
            api.post(RELEASES + "?version=1.0.1", api.eoleToken, TestArchives.of(EOLE_NEXT)), 409);
    assertTrue(
        message.startsWith(
            "version 1.0.1 is a PATCH release, but the changes since 1.0.0 require a MAJOR bump ("),
        message);
    assertTrue(message.endsWith("): use 2.0.0, or --force-version REASON"), message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "?version=",
        "?version=1.1",
        "?version=v1.1.0",
        "?version=1.1.0&channel=production",
        "?version=1.1.0&channel=STABLE",
        "?version=1.1.0&classification=urgent"
      })
  void release_badParameters_are400(String query) throws Exception {
    refused(api.post(RELEASES + query, api.eoleToken, TestArchives.of(EOLE)), 400);
  }

  @Test
  void promote_unknownRelease_is404() throws Exception {
    assertEquals(
        "eole 9.9.9 is not released in this repository (or was revoked)",
        error(api.post(RELEASES + "/9.9.9/promote?channel=stable", api.eoleToken), 404));
  }

  @Test
  void deprecateAndRevoke_unknownRelease_are404() throws Exception {
    refused(api.post(RELEASES + "/9.9.9/deprecate?reason=old", api.eoleToken), 404);
    refused(api.post(RELEASES + "/9.9.9/revoke?reason=bad", api.eoleToken), 404);
  }

  @Test
  void promote_toTheChannelItIsIn_is409() throws Exception {
    assertTrue(
        error(api.post(RELEASES + "/1.0.0/promote?channel=testing", api.eoleToken), 409)
            .startsWith("eole 1.0.0 is already in testing"));
  }

  @Test
  void promote_withoutOrWithABadChannel_is400() throws Exception {
    refused(api.post(RELEASES + "/1.0.0/promote", api.eoleToken), 400);
    refused(api.post(RELEASES + "/1.0.0/promote?channel=prod", api.eoleToken), 400);
  }

  @Test
  void deprecateAndRevoke_withoutAReason_are400() throws Exception {
    for (String action :
        List.of("deprecate", "deprecate?reason=", "deprecate?reason=%20", "revoke")) {
      assertTrue(
          error(api.post(RELEASES + "/1.0.0/" + action, api.eoleToken), 400)
              .startsWith("a reason is required"),
          action);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rollout",
        "rollout?plan=",
        "rollout?plan=0%25",
        "rollout?plan=5%25,50%25",
        "promote?channel=stable&rollout=half",
        "halt",
        "halt?reason=%20",
        "reject"
      })
  void rolloutHaltReject_badParameters_are400(String action) throws Exception {
    refused(api.post(RELEASES + "/1.0.0/" + action, api.eoleToken), 400);
  }

  @Test
  void rollout_aPlanTooLongToRead_is400() throws Exception {
    assertTrue(
        error(
                api.post(
                    RELEASES + "/1.0.0/rollout?plan=" + "5%25,".repeat(500) + "100%25%20every%201d",
                    api.eoleToken),
                400)
            .contains("at most 200 characters"));
  }

  @Test
  void resume_aReleaseNotHalted_is409() throws Exception {
    assertEquals(
        "eole 1.0.0 is not halted: nothing to resume",
        error(api.post(RELEASES + "/1.0.0/resume", api.eoleToken), 409));
  }

  @Test
  void rolloutHaltResumeReject_unknownRelease_are404() throws Exception {
    for (String action :
        List.of("rollout?plan=50%25", "halt?reason=bad", "resume", "reject?reason=bad")) {
      refused(api.post(RELEASES + "/9.9.9/" + action, api.eoleToken), 404);
    }
  }

  @Test
  void lifecycle_badVersion_is400() throws Exception {
    refused(api.post(RELEASES + "/1.0/promote?channel=stable", api.eoleToken), 400);
  }

  @Test
  void put_onTheReleases_is405() throws Exception {
    HttpResponse<String> response =
        api.client.send(
            HttpRequest.newBuilder(api.uri(RELEASES))
                .header("Authorization", "Bearer " + api.eoleToken)
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, response.statusCode(), response::body);
  }
}
