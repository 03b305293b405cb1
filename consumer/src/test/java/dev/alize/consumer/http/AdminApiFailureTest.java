package dev.alize.consumer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures of this instance: answered 503 or 500 with a generic message, the details logged. */
class AdminApiFailureTest {

  @TempDir Path temp;

  private static void generic(HttpResponse<String> response, int status, String... secrets) {
    assertEquals(status, response.statusCode(), response::body);
    JsonNode body = ApiFixture.json(response);
    assertFalse(body.path("error").asText().isEmpty(), response::body);
    for (String secret : secrets) {
      assertFalse(response.body().contains(secret), secret + " in " + response.body());
    }
    assertFalse(response.body().contains("Exception"), response::body);
    assertFalse(response.body().contains("\tat "), response::body);
  }

  @Test
  void databaseUnavailable_is503_withoutItsDetails() throws Exception {
    try (ApiFixture api = ApiFixture.start(temp)) {
      api.closeDatabase();
      generic(api.get("/api/v1/children", api.aliceToken), 503, "jdbc:", "h2", "Hikari");
      generic(
          api.send(
              "POST",
              "/api/v1/approvals",
              api.aliceToken,
              "{\"datasource\": \"eole\", \"version\": \"2.0.0\"}"),
          503,
          "jdbc:",
          "approval");
    }
  }

  @Test
  void unexpectedFailure_is500_withAGenericMessage() throws Exception {
    try (ApiFixture api = ApiFixture.start(temp)) {
      Path status = api.statuses.folder().status("upstream");
      Files.createDirectories(status.getParent());
      Files.writeString(status, "{not json");
      generic(api.get("/api/v1/status", api.aliceToken), 500, "status.json", temp.toString());
    }
  }
}
