package dev.alize.publisher.api;

import static dev.alize.publisher.cli.SampleDatasources.ACME;
import static dev.alize.publisher.cli.SampleDatasources.EOLE;
import static dev.alize.publisher.cli.SampleDatasources.EOLE_NEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alize.common.codec.Hashes;
import dev.alize.common.release.Channel;
import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.version.SemanticVersion;
import dev.alize.publisher.repository.MetadataChain;
import dev.alize.publisher.repository.MetadataChain.Chain;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Releases and lifecycle moves through the write API, and their effects on the repository. */
class WriteApiTest {

  private static final String EOLE_RELEASES = "/api/v1/datasources/eole/releases";
  private static final String ACME_RELEASES = "/api/v1/datasources/acme-monitoring/releases";

  @TempDir Path temp;

  private ApiServer api;

  @BeforeEach
  void start() throws Exception {
    api = ApiServer.start(temp);
  }

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  private static String path(String datasource, String version) {
    return ReleaseFacts.targetPath(datasource, SemanticVersion.parse(version));
  }

  @Test
  void release_is201WithTheFacts_listedAfterwards_andSignedOnDisk() throws Exception {
    assertEquals(List.of(1L, 1L, 1L, 1L), MetadataChain.verify(api.repo).versions());
    byte[] archive = TestArchives.of(EOLE);

    HttpResponse<String> response =
        api.post(
            EOLE_RELEASES
                + "?version=1.0.0&channel=stable&classification=major&notes=First%20release.",
            api.eoleToken,
            archive);

    assertEquals(201, response.statusCode(), response::body);
    assertEquals(
        "/api/v1/datasources/eole/releases/1.0.0",
        response.headers().firstValue("Location").orElse(null));
    JsonNode body = ApiServer.json(response);
    assertEquals("eole", body.get("datasource").asText());
    assertEquals("1.0.0", body.get("version").asText());
    assertEquals("stable", body.get("channel").asText());
    assertEquals(ApiServer.NOW.toString(), body.get("released").asText());
    assertEquals("major", body.get("classification").asText());
    assertEquals("First release.", body.get("notes").asText());
    assertEquals("eole/eole-1.0.0.tar.gz", body.get("target").asText());
    assertEquals("NONE", body.get("changes").get("bump").asText());
    assertEquals(18, body.get("changes").get("models_added").size());
    assertEquals(18, body.get("changes").get("models_added_count").intValue());

    Chain chain = MetadataChain.verify(api.repo, ApiServer.NOW);
    assertEquals(List.of(1L, 2L, 2L, 2L), chain.versions());
    var target = chain.target("eole/eole-1.0.0.tar.gz");
    assertEquals(target.length(), body.get("length").asLong());
    assertEquals(target.hashes().get("sha256"), body.get("hashes").get("sha256").asText());
    assertEquals(target.hashes().get("sha512"), body.get("hashes").get("sha512").asText());
    // The uploaded archive was made as the publisher makes them: the same bytes are served.
    assertEquals(Hashes.sha256Hex(archive), target.hashes().get("sha256"));
    assertEquals(chain.facts("eole/eole-1.0.0.tar.gz"), facts(body));

    JsonNode listed = ApiServer.json(api.get("/api/v1/datasources"));
    assertEquals(1, listed.get("datasources").size());
    JsonNode eole = listed.get("datasources").get(0);
    assertEquals("eole", eole.get("name").asText());
    assertEquals("1.0.0", eole.get("releases").get(0).get("version").asText());
    assertEquals("stable", eole.get("releases").get(0).get("channel").asText());
    assertEquals("First release.", eole.get("releases").get(0).get("notes").asText());

    HttpResponse<String> one = api.get("/api/v1/datasources/eole/releases/1.0.0");
    assertEquals(200, one.statusCode());
    assertEquals("eole/eole-1.0.0.tar.gz", ApiServer.json(one).get("target").asText());
    assertEquals(404, api.get("/api/v1/datasources/eole/releases/2.0.0").statusCode());

    // What the API answered is what the server now serves, signed.
    HttpResponse<String> timestamp = api.get("/metadata/timestamp.json");
    assertEquals(Files.readString(api.repo.resolve("metadata/timestamp.json")), timestamp.body());
    assertTrue(api.auditLog().contains("\"actor\":\"token eole-ci\",\"action\":\"release\""));
  }

  @Test
  void release_madeLikeTarWithAFolderOnTop_isAccepted() throws Exception {
    HttpResponse<String> response =
        api.post(EOLE_RELEASES + "?version=1.0.0", api.eoleToken, TestArchives.likeTar(EOLE));
    assertEquals(201, response.statusCode(), response::body);
    assertEquals("testing", ApiServer.json(response).get("channel").asText());
    assertEquals("standard", ApiServer.json(response).get("classification").asText());
    Chain chain = MetadataChain.verify(api.repo, ApiServer.NOW);
    // Re-archived deterministically: the same bytes as from the folder itself.
    assertEquals(
        Hashes.sha256Hex(TestArchives.of(EOLE)),
        chain.target("eole/eole-1.0.0.tar.gz").hashes().get("sha256"));
  }

  @Test
  void release_madeByTheTarCommand_isAccepted() throws Exception {
    Path tar = Path.of("/usr/bin/tar");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(tar), "no tar here");
    Path archive = temp.resolve("eole.tgz");
    Process process =
        new ProcessBuilder(
                tar.toString(),
                "czf",
                archive.toString(),
                "-C",
                EOLE.getParent().toString(),
                EOLE.getFileName().toString())
            .redirectErrorStream(true)
            .start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), new String(process.getInputStream().readAllBytes()));
    HttpResponse<String> response =
        api.post(EOLE_RELEASES + "?version=1.0.0", api.eoleToken, Files.readAllBytes(archive));
    assertEquals(201, response.statusCode(), response::body);
  }

  @Test
  void release_major_thenUnderstatedButForced() throws Exception {
    assertEquals(
        201,
        api.post(EOLE_RELEASES + "?version=1.0.0", api.eoleToken, TestArchives.of(EOLE))
            .statusCode());
    HttpResponse<String> major =
        api.post(EOLE_RELEASES + "?version=2.0.0", api.eoleToken, TestArchives.of(EOLE_NEXT));
    assertEquals(201, major.statusCode(), major::body);
    JsonNode changes = ApiServer.json(major).get("changes");
    assertEquals("1.0.0", changes.get("previous_version").asText());
    assertEquals("MAJOR", changes.get("bump").asText());
    assertEquals("[\"2.9.0/eclair\"]", changes.get("models_removed").toString());

    HttpResponse<String> forced =
        api.post(
            EOLE_RELEASES + "?version=2.0.1&force-version=agreed%20with%20every%20consumer",
            api.eoleToken,
            TestArchives.of(EOLE));
    assertEquals(201, forced.statusCode(), forced::body);
    assertTrue(
        api.auditLog().contains("\"reason\":\"version forced: agreed with every consumer\""));
    assertEquals(
        Set.of(path("eole", "1.0.0"), path("eole", "2.0.0"), path("eole", "2.0.1")),
        MetadataChain.verify(api.repo).targets().signed().targets().keySet());
  }

  @Test
  void promoteDeprecateRevoke_changeTheSignedFactsAndAreAudited() throws Exception {
    assertEquals(
        201,
        api.post(EOLE_RELEASES + "?version=1.0.0", api.eoleToken, TestArchives.of(EOLE))
            .statusCode());
    String eole100 = path("eole", "1.0.0");

    HttpResponse<String> staged =
        api.post(EOLE_RELEASES + "/1.0.0/promote?channel=staged", api.eoleToken);
    assertEquals(200, staged.statusCode(), staged::body);
    assertEquals("staged", ApiServer.json(staged).get("channel").asText());
    assertEquals(Channel.STAGED, MetadataChain.verify(api.repo).facts(eole100).channel());

    HttpResponse<String> stable =
        api.post(EOLE_RELEASES + "/1.0.0/promote?channel=stable", api.eoleToken);
    assertEquals(200, stable.statusCode(), stable::body);
    assertEquals(Channel.STABLE, MetadataChain.verify(api.repo).facts(eole100).channel());

    HttpResponse<String> deprecated =
        api.post(EOLE_RELEASES + "/1.0.0/deprecate?reason=superseded%20soon", api.eoleToken);
    assertEquals(200, deprecated.statusCode(), deprecated::body);
    assertEquals(
        "superseded soon", ApiServer.json(deprecated).get("deprecated").get("reason").asText());
    ReleaseFacts facts = MetadataChain.verify(api.repo).facts(eole100);
    assertEquals("superseded soon", facts.deprecation().reason());
    assertEquals(
        "superseded soon",
        ApiServer.json(api.get("/api/v1/datasources"))
            .at("/datasources/0/releases/0/deprecated/reason")
            .asText());

    HttpResponse<String> twice =
        api.post(EOLE_RELEASES + "/1.0.0/deprecate?reason=again", api.eoleToken);
    assertEquals(409, twice.statusCode(), twice::body);

    Path archive =
        api.repo
            .resolve("targets/eole")
            .resolve(
                MetadataChain.verify(api.repo).target(eole100).hashes().get("sha256")
                    + ".eole-1.0.0.tar.gz");
    assertTrue(Files.exists(archive));
    HttpResponse<String> revoked =
        api.post(EOLE_RELEASES + "/1.0.0/revoke?reason=breaks%20amon", api.eoleToken);
    assertEquals(200, revoked.statusCode(), revoked::body);
    Chain chain = MetadataChain.verify(api.repo, ApiServer.NOW);
    assertEquals(Set.of(), chain.targets().signed().targets().keySet());
    assertFalse(Files.exists(archive));
    assertEquals("{\"datasources\":[]}", api.get("/api/v1/datasources").body());

    List<String> actions = new ArrayList<>();
    for (String line : api.auditLog().lines().toList()) {
      JsonNode entry = ApiServer.json(line);
      if (entry.get("actor").asText().equals("token eole-ci")) {
        actions.add(
            entry.get("action").asText()
                + " "
                + entry.get("version").asText()
                + " "
                + entry.get("reason").asText());
      }
    }
    assertEquals(
        List.of(
            "release 1.0.0 null",
            "promote 1.0.0 to staged",
            "promote 1.0.0 to stable",
            "deprecate 1.0.0 superseded soon",
            "revoke 1.0.0 breaks amon"),
        actions);
  }

  @Test
  void rolloutHaltResumeReject_changeTheSignedFactsAndAreAudited() throws Exception {
    HttpResponse<String> released =
        api.post(
            EOLE_RELEASES + "?version=1.0.0&rollout=5%25,100%25%20every%201d",
            api.eoleToken,
            TestArchives.of(EOLE));
    assertEquals(201, released.statusCode(), released::body);
    assertEquals(5, ApiServer.json(released).at("/rollout/steps/0/percent").asInt());
    String eole100 = path("eole", "1.0.0");

    HttpResponse<String> rollout =
        api.post(EOLE_RELEASES + "/1.0.0/rollout?plan=25%25,100%25%20every%2012h", api.eoleToken);
    assertEquals(200, rollout.statusCode(), rollout::body);
    assertEquals(
        List.of(25, 100),
        MetadataChain.verify(api.repo).facts(eole100).rollout().steps().stream()
            .map(s -> s.percent())
            .toList());

    HttpResponse<String> halted =
        api.post(EOLE_RELEASES + "/1.0.0/halt?reason=two%20sites%20failed", api.eoleToken);
    assertEquals(200, halted.statusCode(), halted::body);
    assertEquals("two sites failed", ApiServer.json(halted).at("/rollout/halted/reason").asText());
    assertTrue(MetadataChain.verify(api.repo).facts(eole100).halted());

    HttpResponse<String> resumed = api.post(EOLE_RELEASES + "/1.0.0/resume", api.eoleToken);
    assertEquals(200, resumed.statusCode(), resumed::body);
    assertFalse(MetadataChain.verify(api.repo).facts(eole100).halted());

    HttpResponse<String> rejected =
        api.post(EOLE_RELEASES + "/1.0.0/reject?reason=breaks%20amon", api.eoleToken);
    assertEquals(200, rejected.statusCode(), rejected::body);
    assertEquals("breaks amon", MetadataChain.verify(api.repo).facts(eole100).rejection().reason());

    List<String> actions = new ArrayList<>();
    for (String line : api.auditLog().lines().toList()) {
      JsonNode entry = ApiServer.json(line);
      if (entry.get("actor").asText().equals("token eole-ci")) {
        actions.add(entry.get("action").asText());
      }
    }
    assertEquals(List.of("release", "rollout", "halt", "resume", "reject"), actions);
  }

  @Test
  void concurrentUploads_ofOneDatasource_allLandOrAreRefusedAsNotAbove() throws Exception {
    byte[] archive = TestArchives.of(ACME);
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        String version = "1.0." + i;
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return api.post(ACME_RELEASES + "?version=" + version, api.acmeToken, archive);
                }));
      }
      go.countDown();
      Set<String> landed = new TreeSet<>();
      for (int i = 0; i < n; i++) {
        HttpResponse<String> response = futures.get(i).get(120, TimeUnit.SECONDS);
        if (response.statusCode() == 201) {
          landed.add("1.0." + i);
        } else {
          assertEquals(409, response.statusCode(), response::body);
          assertTrue(
              ApiServer.json(response).get("error").asText().contains(" is not above "),
              response::body);
        }
      }
      assertTrue(landed.contains("1.0.7"), landed::toString);
      Set<String> served = new TreeSet<>();
      MetadataChain.verify(api.repo, ApiServer.NOW)
          .targets()
          .signed()
          .targets()
          .keySet()
          .forEach(served::add);
      Set<String> expected = new TreeSet<>();
      landed.forEach(v -> expected.add(path("acme-monitoring", v)));
      assertEquals(expected, served, "every release that was answered 201 is served");
      List<String> audited = new ArrayList<>();
      for (String line : api.auditLog().lines().toList()) {
        JsonNode entry = ApiServer.json(line);
        if (entry.get("action").asText().equals("release")) {
          audited.add(entry.get("version").asText());
        }
      }
      assertEquals(landed.size(), audited.size(), audited::toString);
      assertEquals(
          audited.stream()
              .sorted((a, b) -> SemanticVersion.parse(a).compareTo(SemanticVersion.parse(b)))
              .toList(),
          audited,
          "released in increasing order");
    } finally {
      pool.shutdownNow();
    }
  }

  private static ReleaseFacts facts(JsonNode body) {
    var copy = (com.fasterxml.jackson.databind.node.ObjectNode) body.deepCopy();
    copy.remove(List.of("target", "length", "hashes"));
    ReleaseFacts facts = ReleaseFacts.fromJson(copy);
    assertNotNull(facts);
    return facts;
  }
}
