package dev.alize.consumer.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A publisher's repository with the releases of one generated datasource, each kept as a frozen
 * copy of the repository as it was just after that release, and served by its own {@code
 * publisher.jar serve}: a consumer moves from one stage to the next by following the next server.
 */
final class PublisherSite implements AutoCloseable {

  private static final Pattern SERVING = Pattern.compile("Serving .* on (https://\\S+)");

  /** One release: the datasource folder, its version, and the repository copy after it. */
  record Stage(String version, Path datasource, Path repository, Path archive) {}

  private final BenchSettings settings;
  private final Jobs jobs;
  private final Path dir;
  private final Path keys;
  private final Path live;
  private final List<Stage> stages = new ArrayList<>();
  private final List<Jobs.Server> servers = new ArrayList<>();
  private final List<URI> urls = new ArrayList<>();

  PublisherSite(BenchSettings settings, Jobs jobs, Path dir)
      throws IOException, InterruptedException {
    this.settings = settings;
    this.jobs = jobs;
    this.dir = Files.createDirectories(dir);
    this.keys = dir.resolve("keys");
    this.live = dir.resolve("repo");
    jobs.java(
            "publisher init",
            List.of(),
            settings.publisherJar(),
            "init",
            "--repo",
            live,
            "--keys",
            keys)
        .ok();
  }

  Path keys() {
    return keys;
  }

  Path trustedRoot() {
    return live.resolve("metadata/1.root.json");
  }

  Path certificate() {
    return keys.resolve("tls/server.crt.pem");
  }

  List<Stage> stages() {
    return stages;
  }

  /** Writes {@code shape}, releases it as {@code version} to stable, and keeps the stage. */
  Stage release(String version, BenchDatasource.Shape shape, List<String> jvmOptions)
      throws IOException, InterruptedException {
    Path datasource = dir.resolve("ds-" + version);
    BenchDatasource.write(datasource, shape);
    Jobs.Done done =
        jobs.java(
                "publisher release " + version,
                jvmOptions,
                settings.publisherJar(),
                "release",
                datasource,
                "--repo",
                live,
                "--keys",
                keys,
                "--version",
                version,
                "--channel",
                "stable",
                "--notes",
                "Benchmark release " + version)
            .ok();
    Path copy = dir.resolve("repo-" + version);
    copyTree(live, copy);
    // Consistent snapshots: the archive is stored as <sha256>.<name>.
    String suffix = "." + BenchDatasource.NAME + "-" + version + ".tar.gz";
    Path archive;
    try (Stream<Path> files = Files.list(copy.resolve("targets").resolve(BenchDatasource.NAME))) {
      archive =
          files
              .filter(f -> f.getFileName().toString().endsWith(suffix))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no archive *" + suffix + " after:\n" + done.out()));
    }
    Stage stage = new Stage(version, datasource, copy, archive);
    stages.add(stage);
    return stage;
  }

  /** Serves every stage, each by its own server; their URLs in the order of the stages. */
  List<URI> serveAll() throws IOException, InterruptedException {
    for (Stage stage : stages) {
      // The first server writes the TLS certificate the others then reuse.
      Jobs.Server server =
          jobs.serve(
              "publisher serve " + stage.version(),
              List.of(),
              settings.publisherJar(),
              "serve",
              "--repo",
              stage.repository(),
              "--keys",
              keys,
              "--port",
              0);
      servers.add(server);
      urls.add(URI.create(server.await(SERVING, Duration.ofSeconds(60)).group(1)));
    }
    return urls;
  }

  /**
   * Has each server {@link #serveAll} started answer the requests of a sync many times over (its
   * metadata files, a root it does not have, its archive), as a publisher in production has
   * answered many sites before any one: a sync then measures the consumer, not a server whose code
   * the JIT compiler has yet to compile (against a new server, the 1 % sync's download and
   * verification took 0.7 s rather than 0.25 s).
   */
  void warm(HttpClient client) throws IOException, InterruptedException {
    for (int k = 0; k < urls.size(); k++) {
      Stage stage = stages.get(k);
      URI base = urls.get(k);
      Map<URI, Integer> metadata = new LinkedHashMap<>();
      try (Stream<Path> files = Files.list(stage.repository().resolve("metadata"))) {
        files.forEach(f -> metadata.put(base.resolve("metadata/" + f.getFileName()), 200));
      }
      metadata.put(base.resolve("metadata/" + Integer.MAX_VALUE + ".root.json"), 404);
      URI archive =
          base.resolve("targets/" + BenchDatasource.NAME + "/" + stage.archive().getFileName());
      for (int round = 0; round < WARMING_ROUNDS; round++) {
        for (Map.Entry<URI, Integer> file : metadata.entrySet()) {
          expect(client, file.getKey(), file.getValue());
        }
        if (round % 10 == 0) {
          expect(client, archive, 200);
        }
      }
    }
  }

  private static void expect(HttpClient client, URI url, int status)
      throws IOException, InterruptedException {
    int answered =
        client
            .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode();
    if (answered != status) {
      throw new IllegalStateException(url + " answered " + answered + ", not " + status);
    }
  }

  private static final int WARMING_ROUNDS = 200;

  @Override
  public void close() {
    servers.forEach(Jobs.Server::close);
  }

  static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(d).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            Files.copy(f, to.resolve(from.relativize(f).toString()));
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
