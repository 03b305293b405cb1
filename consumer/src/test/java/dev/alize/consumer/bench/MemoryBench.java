package dev.alize.consumer.bench;

import dev.alize.consumer.persistence.DatabaseSettings;
import dev.alize.consumer.persistence.TestDatabases;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A release whose archive holds 200 MB of YAML, synced by {@code consumer.jar sync --once} with its
 * heap capped at 128 MB, into PostgreSQL: it must succeed within a bounded resident memory.
 */
final class MemoryBench {

  /** What the archive unpacks to, in bytes. */
  static final long UNPACKED = 200L << 20;

  static final int MODELS = 40_000;

  record Figures(Jobs.Done sync, long archiveBytes, long unpackedBytes, int models, String heap) {}

  private MemoryBench() {}

  static Figures measure(BenchSettings settings, Jobs jobs) throws Exception {
    Path dir = settings.work().resolve("memory");
    // Each model file's description brings it to the size that makes the whole 200 MB.
    int description = (int) (UNPACKED / MODELS) - 1500;
    try (PublisherSite site = new PublisherSite(settings, jobs, dir)) {
      PublisherSite.Stage stage =
          site.release(
              "1.0.0",
              new BenchDatasource.Shape(settings.data(), MODELS, List.of(), description),
              List.of());
      long unpacked = unpackedSize(stage.archive());
      URI url = site.serveAll().get(0);
      DatabaseSettings db = TestDatabases.fresh(TestDatabases.Kind.POSTGRES);
      Path config = dir.resolve("consumer.yml");
      Files.writeString(
          config,
          String.join(
              "\n",
              "alize:",
              "  consumer:",
              "    data-dir: " + quote(dir.resolve("consumer-data")),
              "    database:",
              "      url: " + quote(db.url()),
              "      user: " + quote(db.user()),
              "      password: " + quote(db.password()),
              "    repositories:",
              "      bench:",
              "        url: " + url,
              "        trusted-root: " + quote(site.trustedRoot()),
              "        tls-certificate: " + quote(site.certificate()),
              "        channel: stable",
              "        auto-approve: major",
              ""));
      String heap = "-Xmx128m";
      Jobs.Done sync =
          jobs.java(
              "consumer sync 200 MB",
              List.of(heap),
              settings.consumerJar(),
              "sync",
              "--once",
              "--config",
              config);
      return new Figures(sync, Files.size(stage.archive()), unpacked, MODELS, heap);
    }
  }

  private static long unpackedSize(Path archive) throws Exception {
    try (var in = new GZIPInputStream(Files.newInputStream(archive))) {
      return in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }

  private static String quote(Object value) {
    return "'" + value.toString().replace("'", "''") + "'";
  }
}
