package dev.alize.consumer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.tls.ServerCertificate;
import dev.alize.common.tls.ServerCertificates;
import dev.alize.common.tls.TlsName;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API over HTTPS, on 127.0.0.1: with the operator's certificate, and with one it makes
 * for the names configured. Clients trust that exact certificate and nothing else.
 */
class AdminApiTlsTest {

  @TempDir Path temp;

  private static HttpResponse<String> get(HttpClient client, URI uri, String token)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** What a plain-HTTP client gets from the API's port. */
  private static void plainHttpFails(ApiFixture api, String token) {
    URI plain = URI.create("http://127.0.0.1:" + api.server.port() + "/api/v1/status");
    assertThrows(IOException.class, () -> get(ApiFixture.client(null), plain, token));
  }

  @Test
  void givenCertificate_servesHttpsOnly() throws Exception {
    Path dir = temp.resolve("site");
    ServerCertificate own =
        ServerCertificates.generate(
            dir.resolve("tls-own"),
            "Operator",
            List.of(TlsName.parse("127.0.0.1")),
            Clock.systemUTC());
    try (ApiFixture api =
        ApiFixture.startWithApi(
            dir, "tls:\n  certificate: tls-own/server.crt.pem\n  key: tls-own/server.key.pem\n")) {
      assertEquals(own.fingerprint(), api.server.certificate().orElseThrow().fingerprint());
      assertEquals(
          URI.create("https://127.0.0.1:" + api.server.port() + "/api/v1"), api.server.uri());
      HttpResponse<String> status = api.get("/api/v1/status", api.aliceToken);
      assertEquals(200, status.statusCode(), status::body);
      assertEquals(401, api.get("/api/v1/status", null).statusCode());
      plainHttpFails(api, api.aliceToken);
      // A client that trusts another certificate refuses this one.
      ServerCertificate other =
          ServerCertificates.generate(
              temp.resolve("other"),
              "Operator",
              List.of(TlsName.parse("127.0.0.1")),
              Clock.systemUTC());
      assertThrows(
          SSLHandshakeException.class,
          () -> get(ApiFixture.client(other.leaf()), api.uri("/api/v1/status"), api.aliceToken));
      assertFalse(Files.exists(api.dataDir.resolve("tls")), "no certificate is made");
    }
  }

  @Test
  void madeCertificate_forTheNamesGiven_isKeptInTheDataFolder_andReusedAtTheNextStart()
      throws Exception {
    Path dir = temp.resolve("site");
    try (ApiFixture api = ApiFixture.startWithApi(dir, "tls:\n  names: [localhost, 127.0.0.1]\n")) {
      ServerCertificate made = api.server.certificate().orElseThrow();
      assertTrue(made.generated());
      assertEquals(api.dataDir.resolve("tls").resolve("server.crt.pem"), made.certificateFile());
      assertEquals(TlsName.DEFAULTS, made.names());
      assertEquals(
          "CN=localhost,O=Alize consumer", made.leaf().getSubjectX500Principal().getName());
      assertTrue(ServerCertificates.isOwnerOnly(made.keyFile()));
      assertEquals("https", api.server.uri().getScheme());
      HttpResponse<String> status = api.get("/api/v1/status", api.aliceToken);
      assertEquals(200, status.statusCode(), status::body);
      plainHttpFails(api, api.aliceToken);

      // Another start on the same data folder serves the same certificate.
      AdminApiServer again =
          api.startAnother(dir.resolve("consumer.yml"), api.services).orElseThrow();
      try {
        ServerCertificate reused = again.certificate().orElseThrow();
        assertFalse(reused.generated());
        assertEquals(made.fingerprint(), reused.fingerprint());
        URI status2 = URI.create("https://127.0.0.1:" + again.port() + "/api/v1/status");
        assertEquals(
            200, get(ApiFixture.client(made.leaf()), status2, api.aliceToken).statusCode());
      } finally {
        again.close();
      }
    }
  }

  @Test
  void madeCertificate_whoseKeyIsAloneInTheDataFolder_isOneClearError() throws Exception {
    try (ApiFixture api = ApiFixture.start(temp.resolve("fixture"))) {
      Path site = Files.createDirectories(temp.resolve("site"));
      Path config =
          Files.writeString(
              site.resolve("consumer.yml"),
              "alize.consumer.api.port: 0\nalize.consumer.api.tls.names: [localhost]\n");
      Path tls = Files.createDirectories(site.resolve("alize-data/tls"));
      Files.writeString(tls.resolve("server.key.pem"), "kept");
      ApiStartException e =
          assertThrows(ApiStartException.class, () -> api.startAnother(config, api.services));
      assertEquals(
          "cannot start the admin API on 127.0.0.1:0: "
              + tls
              + " holds server.key.pem but no server.crt.pem: restore the missing file, or remove"
              + " both to generate a new certificate",
          e.getMessage());
      assertEquals("kept", Files.readString(tls.resolve("server.key.pem")));
    }
  }

  @Test
  void plainHttp_onLoopback_isUnchanged() throws Exception {
    try (ApiFixture api = ApiFixture.start(temp)) {
      assertTrue(api.server.certificate().isEmpty());
      assertEquals(
          URI.create("http://127.0.0.1:" + api.server.port() + "/api/v1"), api.server.uri());
      assertEquals(200, api.get("/api/v1/status", api.aliceToken).statusCode());
      assertFalse(Files.exists(api.dataDir.resolve("tls")));
    }
  }
}
