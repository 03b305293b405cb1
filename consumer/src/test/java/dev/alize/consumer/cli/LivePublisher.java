package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.consumer.fetch.PinnedTrust;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * The packaged publisher jar run as processes (the consumer never depends on the publisher module):
 * a repository and its keys in a folder, and {@code serve} over HTTPS with its generated
 * certificate.
 */
final class LivePublisher implements AutoCloseable {

  static final Path JAR = Path.of("../publisher/target/publisher.jar");
  static final Path DATASOURCES = Path.of("../datasources");
  private static final Pattern SERVING = Pattern.compile("on https://127\\.0\\.0\\.1:(\\d+)/");

  private final Path dir;
  private final Path repo;
  private final Path keys;
  private Process server;
  private int port;

  private LivePublisher(Path dir) {
    this.dir = dir;
    this.repo = dir.resolve("repo");
    this.keys = dir.resolve("keys");
  }

  /** {@code publisher init} in {@code dir}, with {@code options} (thresholds, expiry periods). */
  static LivePublisher init(Path dir, String... options) {
    assertTrue(
        Files.isRegularFile(JAR),
        JAR + " is missing: build the whole project (./mvnw -B verify), not the consumer alone");
    LivePublisher publisher = new LivePublisher(dir);
    List<Object> args = new ArrayList<>(List.of("init", "--repo", publisher.repo, "--keys"));
    args.add(publisher.keys);
    args.addAll(List.of(options));
    publisher.run(args.toArray());
    return publisher;
  }

  Path repo() {
    return repo;
  }

  Path keys() {
    return keys;
  }

  /** A file of {@code REPO/metadata/}. */
  Path metadata(String name) {
    return repo.resolve("metadata").resolve(name);
  }

  /** The trust anchor consumers are given. */
  Path trustAnchor() {
    return metadata("1.root.json").toAbsolutePath();
  }

  /** The certificate {@code serve} generated, for consumers to pin. */
  Path certificate() {
    return keys.resolve("tls/server.crt.pem").toAbsolutePath();
  }

  URI url() {
    return URI.create("https://127.0.0.1:" + port + "/");
  }

  /** Runs a publisher command to completion and returns its standard output. */
  String run(Object... args) {
    try {
      Files.createDirectories(dir);
      Path out = Files.createTempFile(dir, "publisher-", ".out");
      Path err = Files.createTempFile(dir, "publisher-", ".err");
      Process p = builder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), () -> "publisher " + List.of(args) + " hangs");
      assertEquals(0, p.exitValue(), () -> "publisher " + List.of(args) + ": " + read(err));
      return Files.readString(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Releases a datasource of {@code ../datasources}. */
  void release(String datasource, String version, String channel) {
    run(
        "release",
        DATASOURCES.resolve(datasource),
        "--repo",
        repo,
        "--keys",
        keys,
        "--version",
        version,
        "--channel",
        channel);
  }

  /** Releases the datasource in {@code directory}, such as a modified copy of one. */
  void releaseDirectory(Path directory, String version, String channel) {
    run(
        "release",
        directory.toAbsolutePath(),
        "--repo",
        repo,
        "--keys",
        keys,
        "--version",
        version,
        "--channel",
        channel);
  }

  /** Runs a command on this repository: {@code NAME ARGS... --repo REPO --keys KEYS}. */
  String edit(Object... args) {
    List<Object> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--repo", repo, "--keys", keys));
    return run(all.toArray());
  }

  /** Starts {@code serve} on a free port and waits until it listens. */
  void serve() throws IOException, InterruptedException {
    serve(new Object[0]);
  }

  /**
   * Starts {@code serve} with a configuration file of {@code yaml} (lines under {@code
   * alize.publisher}), whose fleet database {@link #fleet} commands share.
   */
  void serveWithFleet(String... yaml) throws IOException, InterruptedException {
    StringBuilder text = new StringBuilder("alize:\n  publisher:\n    data-dir: fleet\n");
    for (String line : yaml) {
      text.append("    ").append(line).append('\n');
    }
    Files.writeString(config(), text);
    serve("--config", config());
  }

  /**
   * Starts {@code serve} again after {@link #close}, on the same port and configuration file, as an
   * operator restarts a publisher that was down.
   */
  void restart() throws IOException, InterruptedException {
    serve("--config", config(), "--port", port);
  }

  /** The configuration file of {@link #serveWithFleet}. */
  Path config() {
    return dir.resolve("publisher.yml");
  }

  /** Runs a fleet command ({@code enroll}, {@code stats}) on the served configuration. */
  String fleet(Object... args) {
    List<Object> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--config", config()));
    return run(all.toArray());
  }

  private void serve(Object... more) throws IOException, InterruptedException {
    Path out = dir.resolve("serve.out");
    Path err = dir.resolve("serve.err");
    List<Object> args = new ArrayList<>(List.of("serve", "--repo", repo, "--keys", keys));
    List<Object> options = List.of(more);
    if (!options.contains("--port")) {
      args.addAll(List.of("--port", 0));
    }
    args.addAll(options);
    server =
        builder(args.toArray()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Matcher m = SERVING.matcher("");
    while (!(m = SERVING.matcher(Files.readString(out))).find()) {
      assertTrue(server.isAlive(), () -> "publisher serve exited: " + read(err));
      assertTrue(System.nanoTime() < deadline, () -> "publisher serve did not start: " + read(err));
      Thread.sleep(100);
    }
    port = Integer.parseInt(m.group(1));
  }

  /**
   * A copy of the repository and its keys, unserved: a second history signed with the same keys, as
   * whoever holds the online keys could write.
   */
  LivePublisher fork(Path to) {
    LivePublisher fork = new LivePublisher(to);
    copy(repo, fork.repo);
    copy(keys, fork.keys);
    return fork;
  }

  /** Changes the validity period of {@code role} for the next signatures, e.g. {@code PT1S}. */
  void expiry(String role, String period) {
    Path settings = repo.resolve("alize-repository.json");
    try {
      String json = Files.readString(settings);
      String entry = "\"" + role + "\":\"" + period + "\"";
      String changed = json.replaceFirst("\"" + role + "\":\"[^\"]*\"", entry);
      assertTrue(changed.contains(entry), json);
      Files.writeString(settings, changed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A TLS context that trusts the publisher's certificate and nothing else. */
  SSLContext tls() {
    try {
      return PinnedTrust.of(certificate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The publisher's own count of requests answered with {@code status}. */
  double requests(String status) throws IOException, InterruptedException {
    String body =
        HttpClient.newBuilder()
            .sslContext(tls())
            .build()
            .send(
                HttpRequest.newBuilder(url().resolve("/prometheus")).build(),
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

  @Override
  public void close() throws InterruptedException {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  private static ProcessBuilder builder(Object... args) {
    ProcessBuilder builder = new ProcessBuilder(command(args));
    builder
        .environment()
        .put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return builder;
  }

  /** The command through the launcher beside the jar, as an installed publisher runs it. */
  private static List<String> command(Object... args) {
    List<String> command = new ArrayList<>();
    command.add(JAR.resolveSibling("alize-publisher").toString());
    for (Object a : args) {
      command.add(a.toString());
    }
    return command;
  }

  /** Copies the folder {@code from} and all it holds to {@code to}. */
  static void copy(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
