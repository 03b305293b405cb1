package dev.alize.publisher.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.common.testing.MutableClock;
import dev.alize.common.tls.ServerCertificate;
import dev.alize.common.tls.ServerCertificates;
import dev.alize.publisher.keys.KeyDirectory;
import dev.alize.publisher.repository.RepositoryInitializer;
import dev.alize.publisher.repository.RepositorySettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running server re-signs a quiet repository before its timestamp expires. */
class ResignJobTest {

  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  @TempDir Path temp;

  private long servedTimestampVersion(PublisherServer server, HttpClient client) throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + server.port() + "/metadata/timestamp.json"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return new ObjectMapper().readTree(response.body()).path("signed").path("version").asLong();
  }

  private PublisherServer serveAt(Duration sinceInit) throws Exception {
    Path repo = temp.resolve("repo");
    Path keys = temp.resolve("keys");
    RepositoryInitializer.init(
        repo,
        new KeyDirectory(keys, null),
        RepositorySettings.DEFAULT,
        Map.of(),
        "test",
        Clock.fixed(START, java.time.ZoneOffset.UTC));
    MutableClock clock = new MutableClock(START.plus(sinceInit));
    ServerCertificate certificate =
        ServerCertificates.loadOrCreate(
            keys.resolve("tls"), ServerSettings.CERTIFICATE_ORGANIZATION, Clock.systemUTC());
    return PublisherServer.start(
        new ServerSettings(repo, keys, "127.0.0.1", 0, certificate), clock);
  }

  private HttpClient client() throws Exception {
    ServerCertificate certificate =
        ServerCertificates.loadOrCreate(
            temp.resolve("keys").resolve("tls"),
            ServerSettings.CERTIFICATE_ORGANIZATION,
            Clock.systemUTC());
    return PinnedClients.httpClient(PinnedClients.trusting(certificate.leaf()));
  }

  @Test
  void resignJob_resignsTheTimestampOnceHalfOfItsValidityIsGone() throws Exception {
    try (PublisherServer server = serveAt(Duration.ofHours(13))) {
      HttpClient client = client();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      long version = servedTimestampVersion(server, client);
      while (version == 1 && System.nanoTime() < deadline) {
        Thread.sleep(100);
        version = servedTimestampVersion(server, client);
      }
      assertEquals(2, version, "the timestamp was not re-signed in time");
    }
  }

  @Test
  void resignJob_leavesAFreshTimestampAlone() throws Exception {
    try (PublisherServer server = serveAt(Duration.ofHours(1))) {
      HttpClient client = client();
      // The job's first run comes one second after start; give it three.
      Thread.sleep(3000);
      assertEquals(1, servedTimestampVersion(server, client));
    }
  }
}
