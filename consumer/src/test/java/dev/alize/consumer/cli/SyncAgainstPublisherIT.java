package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code consumer sync --once} against a real publisher: the packaged publisher jar run as a
 * process (the two modules never depend on each other), serving over HTTPS with its generated,
 * pinned certificate.
 */
class SyncAgainstPublisherIT {

  private static final Path PUBLISHER = Path.of("../publisher/target/publisher.jar");
  private static final Path DATASOURCES = Path.of("../datasources");
  private static final Pattern SERVING = Pattern.compile("on https://127\\.0\\.0\\.1:(\\d+)/");

  @TempDir Path temp;
  private Path repo;
  private Path keys;
  private Process server;
  private int port;

  private record Run(int exit, List<String> out, String err) {}

  @BeforeEach
  void publish() throws Exception {
    assertTrue(
        Files.isRegularFile(PUBLISHER),
        PUBLISHER
            + " is missing: build the whole project (./mvnw -B verify), not the consumer alone");
    repo = temp.resolve("repo");
    keys = temp.resolve("keys");
    publisher("init", "--repo", repo, "--keys", keys);
    release("eole", "1.0.0");
    release("acme-monitoring", "1.0.0");
    Path out = temp.resolve("serve.out");
    server =
        new ProcessBuilder(java("serve", "--repo", repo, "--keys", keys, "--port", 0))
            .redirectOutput(out.toFile())
            .redirectError(temp.resolve("serve.err").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Matcher m = SERVING.matcher("");
    while (System.nanoTime() < deadline && !(m = SERVING.matcher(Files.readString(out))).find()) {
      assertTrue(
          server.isAlive(), () -> "publisher serve exited: " + read(temp.resolve("serve.err")));
      Thread.sleep(100);
    }
    port = Integer.parseInt(m.group(1));
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private void release(String datasource, String version) throws Exception {
    publisher(
        "release",
        DATASOURCES.resolve(datasource),
        "--repo",
        repo,
        "--keys",
        keys,
        "--version",
        version,
        "--channel",
        "stable");
  }

  private static List<String> java(Object... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(PUBLISHER.toString());
    for (Object a : args) {
      command.add(a.toString());
    }
    return command;
  }

  private void publisher(Object... args) throws Exception {
    Path err = temp.resolve("publisher.err");
    Process p =
        new ProcessBuilder(java(args))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile())
            .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), () -> read(err));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }

  private Path config(String repositoryYaml) throws IOException {
    Path file = temp.resolve("site/consumer.yml");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "alize:\n  consumer:\n    repositories:\n      upstream:\n"
            + "        trusted-root: "
            + repo.resolve("metadata/1.root.json").toAbsolutePath()
            + "\n        tls-certificate: "
            + keys.resolve("tls/server.crt.pem").toAbsolutePath()
            + "\n"
            + repositoryYaml);
    return file;
  }

  private static Run sync(Path config) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = ConsumerCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute("sync", "--once", "--config", config.toString());
    return new Run(exit, out.toString().lines().toList(), err.toString());
  }

  /** The publisher's own count of requests answered with {@code status}. */
  private double requests(String status) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(keys.resolve("tls/server.crt.pem"))) {
      trust.setCertificateEntry(
          "publisher", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    String body =
        HttpClient.newBuilder()
            .sslContext(tls)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/prometheus"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    double total = 0;
    for (String line : body.lines().toList()) {
      if (line.startsWith("alize_publisher_requests_total{")
          && line.contains("status=\"" + status + "\"")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  @Test
  void sync_importsTheNewestStableReleases_thenCostsOne304() throws Exception {
    Path config = config("        url: https://127.0.0.1:" + port + "\n");

    Run first = sync(config);
    assertEquals(0, first.exit(), first.err());
    assertEquals(
        List.of(
            "upstream/acme-monitoring: updated (none) -> 1.0.0",
            "upstream/eole: updated (none) -> 1.0.0"),
        first.out());
    Path cached =
        temp.resolve("site/alize-data/repositories/upstream/targets/eole%2Feole-1.0.0.tar.gz");
    assertTrue(Files.isRegularFile(cached), "the verified archive is kept");

    double notModified = requests("304");
    double found = requests("200");
    Run second = sync(config);
    assertEquals(0, second.exit(), second.err());
    assertEquals(
        List.of(
            "upstream/acme-monitoring: up to date at 1.0.0", "upstream/eole: up to date at 1.0.0"),
        second.out());
    assertEquals(notModified + 1, requests("304"), "timestamp.json answered 304");
    assertEquals(found, requests("200"), "nothing else downloaded");
  }

  @Test
  void sync_fromALyingFirstMirror_usesTheHonestSecondAndReportsTheFirst() throws Exception {
    HttpServer liar = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    liar.createContext(
        "/",
        exchange -> {
          Path file = repo.resolve(exchange.getRequestURI().getPath().substring(1));
          byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : null;
          if (bytes != null && file.getFileName().toString().equals("timestamp.json")) {
            // A timestamp whose expiry is not the one signed: signatures must fail.
            bytes =
                new String(bytes, StandardCharsets.UTF_8)
                    .replaceFirst("\"expires\":\"\\d{4}", "\"expires\":\"2099")
                    .getBytes(StandardCharsets.UTF_8);
          }
          exchange.sendResponseHeaders(
              bytes == null ? 404 : 200, bytes == null ? -1 : bytes.length);
          if (bytes != null) {
            exchange.getResponseBody().write(bytes);
          }
          exchange.close();
        });
    liar.start();
    try {
      Path config =
          config(
              "        url: http://127.0.0.1:"
                  + liar.getAddress().getPort()
                  + "\n"
                  + "        allow-plain-http: true\n"
                  + "        mirrors: [\"https://127.0.0.1:"
                  + port
                  + "\"]\n");

      Run run = sync(config);

      assertEquals(0, run.exit(), run.err());
      assertEquals(
          List.of(
              "upstream/acme-monitoring: updated (none) -> 1.0.0",
              "upstream/eole: updated (none) -> 1.0.0"),
          run.out());
      String status =
          Files.readString(temp.resolve("site/alize-data/repositories/upstream/status.json"));
      assertTrue(status.contains("http://127.0.0.1:" + liar.getAddress().getPort()), status);
      assertTrue(status.contains("valid signature(s)"), status);
    } finally {
      liar.stop(0);
    }
  }
}
