package dev.alize.consumer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alize.consumer.store.InstalledDatasource;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rollbacks through the API: each test on a fresh database holding eole 1.0.0 then 1.1.0. */
class AdminApiRollbackTest {

  @TempDir Path temp;

  private static InstalledDatasource eole(ApiFixture api) {
    return api.admin.datasources().stream()
        .filter(d -> d.name().equals("eole"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void rollback_restoresThePreviousRelease_andPinsIt_untilAnApproval() throws Exception {
    try (ApiFixture api = ApiFixture.start(temp)) {
      HttpResponse<String> response =
          api.send("POST", "/api/v1/datasources/eole/rollback", api.aliceToken, null);
      assertEquals(200, response.statusCode(), response::body);
      JsonNode result = ApiFixture.json(response);
      assertEquals("1.1.0", result.path("fromVersion").asText());
      assertEquals("1.0.0", result.path("toVersion").asText());
      assertEquals("1.0.0", eole(api).version());
      assertEquals("1.1.0", eole(api).pinnedBelow());
      assertEquals("rollback", api.admin.imports("eole", 1).get(0).kind());
      JsonNode status = ApiFixture.json(api.get("/api/v1/status", api.aliceToken));
      assertEquals(
          "1.1.0",
          status
              .path("repositories")
              .get(0)
              .path("datasources")
              .get(0)
              .path("pinnedBelow")
              .asText());

      HttpResponse<String> approval =
          api.send(
              "POST",
              "/api/v1/approvals",
              api.aliceToken,
              "{\"datasource\": \"eole\", \"version\": \"1.1.0\"}");
      assertEquals(200, approval.statusCode(), approval::body);
      assertEquals(null, eole(api).pinnedBelow());
    }
  }

  @Test
  void rollback_ofAnUnknownDatasource_is404_andOfAnInvalidName_is400() throws Exception {
    try (ApiFixture api = ApiFixture.start(temp)) {
      ApiFixture.Snapshot before = api.snapshot();
      HttpResponse<String> unknown =
          api.send("POST", "/api/v1/datasources/acme/rollback", api.aliceToken, null);
      assertEquals(404, unknown.statusCode(), unknown::body);
      HttpResponse<String> invalid =
          api.send("POST", "/api/v1/datasources/EOLE/rollback", api.aliceToken, null);
      assertEquals(400, invalid.statusCode(), invalid::body);
      assertTrue(ApiFixture.json(invalid).path("error").asText().startsWith("name: "));
      assertEquals(before, api.snapshot());
    }
  }

  @Test
  void rollback_whenTheCachedArchiveIsGone_is409_andChangesNothing() throws Exception {
    try (ApiFixture api = ApiFixture.start(temp)) {
      try (var files = Files.walk(api.dataDir.resolve("repositories"))) {
        for (Path p : files.filter(Files::isRegularFile).toList()) {
          if (p.getFileName().toString().contains("1.0.0")) {
            Files.write(p, new byte[] {1, 2, 3});
          }
        }
      }
      ApiFixture.Snapshot before = api.snapshot();
      HttpResponse<String> response =
          api.send("POST", "/api/v1/datasources/eole/rollback", api.aliceToken, null);
      assertEquals(409, response.statusCode(), response::body);
      assertTrue(
          ApiFixture.json(response).path("error").asText().contains("cannot roll back"),
          response::body);
      assertEquals(before, api.snapshot());
    }
  }
}
