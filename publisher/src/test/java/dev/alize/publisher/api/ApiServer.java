package dev.alize.publisher.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.common.tls.ServerCertificate;
import dev.alize.common.tls.ServerCertificates;
import dev.alize.common.token.TokenValue;
import dev.alize.publisher.http.PinnedClients;
import dev.alize.publisher.http.PublisherServer;
import dev.alize.publisher.http.ServerSettings;
import dev.alize.publisher.keys.KeyDirectory;
import dev.alize.publisher.repository.RepositoryFiles;
import dev.alize.publisher.repository.RepositoryInitializer;
import dev.alize.publisher.repository.RepositorySettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SortedMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The real server on 127.0.0.1 and a free port, over a repository made by {@code init}, with two
 * tokens: one for eole, one for acme-monitoring. Requests go through a client that pins the
 * server's certificate.
 */
public final class ApiServer implements AutoCloseable {

  public static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
  static final long MAX_UPLOAD = 1 << 20;
  static final String GZIP = "application/gzip";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();

  public final Path repo;
  public final Path keys;
  public final String eoleToken = TokenValue.generate(RANDOM);
  public final String acmeToken = TokenValue.generate(RANDOM);
  public final PublisherServer server;
  public final SSLContext pinned;
  public final HttpClient client;

  /** The server's self-signed certificate. */
  public final X509Certificate certificate;

  /**
   * @param config the whole configuration file, or null for the two tokens above
   * @param more keys under {@code alize.publisher} added to the two tokens, indented by 4
   * @param clock the server's clock
   */
  private ApiServer(Path dir, String config, String more, Clock clock) throws Exception {
    Files.createDirectories(dir);
    repo = dir.resolve("repo");
    keys = dir.resolve("keys");
    RepositoryInitializer.init(
        repo,
        new KeyDirectory(keys, null),
        RepositorySettings.DEFAULT,
        Map.of(),
        "alice",
        Clock.fixed(NOW, ZoneOffset.UTC));
    Path configFile =
        Files.writeString(
            dir.resolve("publisher.yml"), config != null ? config : defaultConfig() + more);
    ServerCertificate certificate =
        ServerCertificates.loadOrCreate(
            keys.resolve("tls"), ServerSettings.CERTIFICATE_ORGANIZATION, Clock.systemUTC());
    server =
        PublisherServer.start(
            new ServerSettings(repo, keys, "127.0.0.1", 0, certificate, configFile), clock);
    this.certificate = certificate.leaf();
    pinned = PinnedClients.trusting(certificate.leaf());
    client = PinnedClients.httpClient(pinned);
  }

  private String defaultConfig() {
    return "alize:\n"
        + "  publisher:\n"
        + "    api:\n"
        + "      max-upload-bytes: "
        + MAX_UPLOAD
        + "\n"
        + "      tokens:\n"
        + "        eole-ci:\n"
        + "          sha256: "
        + TokenValue.sha256Hex(eoleToken)
        + "\n"
        + "          datasources: [eole]\n"
        + "        acme-ci:\n"
        + "          sha256: "
        + TokenValue.sha256Hex(acmeToken).toUpperCase(java.util.Locale.ROOT)
        + "\n"
        + "          datasources:\n"
        + "            - acme-monitoring\n";
  }

  public static ApiServer start(Path dir) throws Exception {
    return new ApiServer(dir, null, "", Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** With {@code config} as the whole configuration file. */
  public static ApiServer start(Path dir, String config) throws Exception {
    return new ApiServer(dir, config, "", Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** With the two tokens, {@code more} keys under {@code alize.publisher}, and {@code clock}. */
  public static ApiServer start(Path dir, String more, Clock clock) throws Exception {
    return new ApiServer(dir, null, more, clock);
  }

  public Path configFile() {
    return repo.getParent().resolve("publisher.yml");
  }

  public URI uri(String path) {
    return URI.create("https://127.0.0.1:" + server.port() + path);
  }

  public HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A POST with {@code token} (none when null) and {@code body} as application/gzip. */
  public HttpResponse<String> post(String path, String token, byte[] body) throws Exception {
    return post(path, token, HttpRequest.BodyPublishers.ofByteArray(body), GZIP);
  }

  /** A POST without a body. */
  public HttpResponse<String> post(String path, String token) throws Exception {
    return post(path, token, HttpRequest.BodyPublishers.noBody(), null);
  }

  HttpResponse<String> post(
      String path, String token, HttpRequest.BodyPublisher body, String contentType)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(body);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Sends {@code method target} exactly as written, with no normalisation of {@code ..} or of
   * escapes, and returns the raw response.
   */
  String raw(String method, String target, String token, byte[] body) throws IOException {
    try (SSLSocket socket =
        (SSLSocket) pinned.getSocketFactory().createSocket("127.0.0.1", server.port())) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.setSoTimeout(20_000);
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      head.append("Host: 127.0.0.1:").append(server.port()).append("\r\n");
      if (token != null) {
        head.append("Authorization: Bearer ").append(token).append("\r\n");
      }
      head.append("Content-Type: ").append(GZIP).append("\r\n");
      head.append("Content-Length: ").append(body.length).append("\r\n");
      head.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      // The body goes on its own thread: the server may answer, and close, before reading it all.
      Thread sender =
          new Thread(
              () -> {
                try {
                  out.write(body);
                  out.flush();
                } catch (IOException e) {
                  // Refused early: the answer tells why.
                }
              },
              "raw-body");
      sender.start();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      try {
        in.transferTo(response);
      } catch (IOException e) {
        if (response.size() == 0) {
          throw e;
        }
      }
      try {
        sender.join(20_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return response.toString(StandardCharsets.UTF_8);
    }
  }

  public static JsonNode json(HttpResponse<String> response) {
    return json(response.body());
  }

  public static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + body, e);
    }
  }

  SortedMap<String, String> files() {
    return RepositoryFiles.contents(repo);
  }

  String auditLog() throws IOException {
    return Files.readString(repo.resolve("audit.log"), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.close();
  }
}
