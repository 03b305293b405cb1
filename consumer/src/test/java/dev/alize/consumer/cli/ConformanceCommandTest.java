package dev.alize.consumer.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.alize.common.tuf.TargetFile;
import dev.alize.common.verify.RepositorySimulator;
import dev.alize.consumer.fetch.DownloadException;
import dev.alize.consumer.fetch.FetchResult;
import dev.alize.consumer.fetch.NotFoundException;
import dev.alize.consumer.update.SimulatorFetcher;
import dev.alize.consumer.update.SimulatorFetcher.Misbehaviour;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The tuf-conformance client protocol (CLIENT-CLI.md) in-process, against an HTTP server on
 * 127.0.0.1 serving an in-memory repository. The command judges expiry by the system clock, so
 * every role here expires a year from now.
 */
class ConformanceCommandTest {

  private static final List<String> TOP_LEVEL =
      List.of("root.json", "snapshot.json", "targets.json", "timestamp.json");

  @TempDir Path dir;

  private final RepositorySimulator sim = new RepositorySimulator();
  private HttpServer server;
  private SimulatorFetcher repository;
  private String base;
  private Path metadataDir;
  private Path targetDir;
  private Path trustedRoot;

  @BeforeEach
  void startRepository() throws IOException {
    Instant expiry = Instant.now().plus(Duration.ofDays(365)).truncatedTo(ChronoUnit.SECONDS);
    for (String role : List.of("root", "timestamp", "snapshot", "targets")) {
      sim.role(role).expires = expiry;
    }
    sim.publishRoot();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    repository =
        new SimulatorFetcher(sim, URI.create(base + "/metadata/"), URI.create(base + "/targets/"));
    server.createContext("/", this::serve);
    server.start();
    metadataDir = dir.resolve("metadata");
    targetDir = dir.resolve("targets");
    trustedRoot = dir.resolve("initial_root.json");
    Files.write(trustedRoot, sim.rootBytes(1));
  }

  @AfterEach
  void stopRepository() {
    server.stop(0);
  }

  // init

  @Test
  void init_copiesTheTrustedRootAndMakesNoRequest() throws IOException {
    Run run = conformance("--metadata-dir", metadataDir.toString(), "init", trustedRoot.toString());

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(List.of("root.json"), list(metadataDir));
    assertArrayEquals(sim.rootBytes(1), Files.readAllBytes(metadataDir.resolve("root.json")));
    assertEquals(List.of(), requested());
  }

  @Test
  void init_withoutTrustedRootExits1WithAMessage() {
    Run run = conformance("--metadata-dir", metadataDir.toString(), "init");

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("init needs the TRUSTED_ROOT file"), run.err());
  }

  // refresh

  @Test
  void refresh_storesExactlyTheFourTopLevelRolesUnderUnversionedNames() throws IOException {
    init();

    Run run = refresh();

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(TOP_LEVEL, list(metadataDir));
    assertArrayEquals(
        sim.metadata("timestamp"), Files.readAllBytes(metadataDir.resolve("timestamp.json")));
    assertEquals(
        List.of(
            "/metadata/2.root.json",
            "/metadata/timestamp.json",
            "/metadata/1.snapshot.json",
            "/metadata/1.targets.json"),
        requested());
    assertFalse(Files.exists(dir.resolve("targets")), "a refresh downloads no target");
  }

  @Test
  void refresh_withNothingNewFetchesOnlyNextRootAndTimestamp() {
    init();
    refresh();
    clearRequests();

    Run run = refresh();

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(List.of("/metadata/2.root.json", "/metadata/timestamp.json"), requested());
  }

  @Test
  void refresh_exits1WhenTheTimestampHasExpired() {
    sim.timestamp.expires = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    sim.updateTimestamp();
    init();

    Run run = refresh();

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("timestamp: version 2 expired"), run.err());
    assertEquals(List.of("root.json"), list(metadataDir));
  }

  @Test
  void refresh_withoutMetadataUrlExits1WithAMessage() {
    init();

    Run run = conformance("--metadata-dir", metadataDir.toString(), "refresh");

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("refresh needs --metadata-url"), run.err());
    assertEquals(List.of(), requested());
  }

  @Test
  void refresh_withoutInitExits1WithAMessage() {
    Run run = refresh();

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("no trusted root"), run.err());
    assertEquals(List.of(), requested());
  }

  @Test
  void unknownAction_exits1WithAMessage() {
    init();

    Run run =
        conformance(
            "--metadata-dir", metadataDir.toString(), "--metadata-url", base + "/metadata", "fly");

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("unknown action 'fly'"), run.err());
    assertEquals(List.of(), requested());
  }

  // download

  @Test
  void download_storesTheTargetUnderTheSameFileNameEachTime() throws IOException {
    publishTarget("path/to/artifact.txt", "artifact 1");
    init();

    Run first = download("path/to/artifact.txt");

    assertEquals(0, first.exitCode(), first.err());
    assertEquals(List.of("path%2Fto%2Fartifact.txt"), list(targetDir));
    assertArrayEquals(
        "artifact 1".getBytes(UTF_8),
        Files.readAllBytes(targetDir.resolve(list(targetDir).get(0))));

    publishTarget("path/to/artifact.txt", "artifact 2, changed");
    Run second = download("path/to/artifact.txt");

    assertEquals(0, second.exitCode(), second.err());
    assertEquals(List.of("path%2Fto%2Fartifact.txt"), list(targetDir));
    assertArrayEquals(
        "artifact 2, changed".getBytes(UTF_8),
        Files.readAllBytes(targetDir.resolve("path%2Fto%2Fartifact.txt")));
    assertEquals(TOP_LEVEL, list(metadataDir));
  }

  @Test
  void download_doesNotDownloadACachedTargetAgain() {
    TargetFile target = publishTarget("artifact.txt", "artifact");
    init();
    download("artifact.txt");
    clearRequests();

    Run run = download("artifact.txt");

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(List.of("/metadata/2.root.json", "/metadata/timestamp.json"), requested());
    assertFalse(requested().contains(repository.consistentTargetUrl(target).getRawPath()));
  }

  @Test
  void download_fetchesATargetWhosePathNeedsEncoding() throws IOException {
    publishTarget("docs/release notes.txt", "notes");
    init();

    Run run = download("docs/release notes.txt");

    assertEquals(0, run.exitCode(), run.err());
    assertArrayEquals(
        "notes".getBytes(UTF_8),
        Files.readAllBytes(targetDir.resolve("docs%2Frelease%20notes.txt")));
  }

  @Test
  void download_exits1ForAnUnknownTarget() {
    init();

    Run run = download("no/such/target");

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("no target no/such/target"), run.err());
    assertEquals(List.of(), list(targetDir));
  }

  @Test
  void download_exits1ForSubstitutedBytesAndStoresNothing() {
    TargetFile target = publishTarget("artifact.txt", "artifact");
    repository.misbehave(
        repository.consistentTargetUrl(target), new Misbehaviour.Bytes("ARTIFACT".getBytes(UTF_8)));
    init();

    Run run = download("artifact.txt");

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("artifact.txt: sha256"), run.err());
    assertEquals(List.of(), list(targetDir));
  }

  @Test
  void download_withoutTargetOptionsExits1WithAMessage() {
    init();

    Run run =
        conformance(
            "--metadata-dir",
            metadataDir.toString(),
            "--metadata-url",
            base + "/metadata",
            "download");

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err().contains("download needs --target-name, --target-base-url and --target-dir"),
        run.err());
  }

  // Helpers

  private record Run(int exitCode, String out, String err) {}

  private Run conformance(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = ConsumerCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = Stream.concat(Stream.of("conformance"), Stream.of(args)).toArray(String[]::new);
    int exitCode = cli.execute(all);
    return new Run(exitCode, out.toString(), err.toString());
  }

  private void init() {
    Run run = conformance("--metadata-dir", metadataDir.toString(), "init", trustedRoot.toString());
    assertEquals(0, run.exitCode(), run.err());
  }

  private Run refresh() {
    return conformance(
        "--metadata-dir", metadataDir.toString(), "--metadata-url", base + "/metadata", "refresh");
  }

  private Run download(String target) {
    return conformance(
        "--metadata-dir",
        metadataDir.toString(),
        "--metadata-url",
        base + "/metadata",
        "--target-name",
        target,
        "--target-base-url",
        base + "/targets",
        "--target-dir",
        targetDir.toString(),
        "download");
  }

  /** Adds or replaces a target of the top-level targets role and publishes a new snapshot. */
  private TargetFile publishTarget(String path, String content) {
    TargetFile target = sim.addTarget("targets", path, content.getBytes(UTF_8));
    sim.targets.version++;
    sim.updateSnapshot();
    return target;
  }

  /** Serves the repository's files; the server's one dispatcher thread calls it. */
  private void serve(HttpExchange exchange) throws IOException {
    URI url = URI.create(base + exchange.getRequestURI().getRawPath());
    String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
    FetchResult result;
    try {
      synchronized (repository) {
        result = repository.fetch(url, Long.MAX_VALUE, ifNoneMatch);
      }
    } catch (NotFoundException e) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    } catch (DownloadException e) {
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
      return;
    }
    if (result instanceof FetchResult.Body body) {
      exchange.getResponseHeaders().add("ETag", body.etag());
      exchange.sendResponseHeaders(200, body.bytes().length == 0 ? -1 : body.bytes().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body.bytes());
      }
    } else {
      exchange.sendResponseHeaders(304, -1);
      exchange.close();
    }
  }

  private List<String> requested() {
    synchronized (repository) {
      List<String> paths = new ArrayList<>();
      repository.requests().forEach(r -> paths.add(r.url().getRawPath()));
      return paths;
    }
  }

  private void clearRequests() {
    synchronized (repository) {
      repository.clearRequests();
    }
  }

  private static List<String> list(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
