package dev.alize.consumer.bench;

import dev.alize.consumer.persistence.DatabaseSettings;
import dev.alize.consumer.persistence.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Two syncs that must stay within a bounded resident memory: a release of {@value #DEFAULTS_MODELS}
 * models synced as an installed site does, with the packaged defaults; and a release whose archive
 * holds 200 MB of YAML, synced by {@code consumer.jar sync --once} with its heap capped at 128 MB,
 * into PostgreSQL.
 */
final class MemoryBench {

  /** What the archive unpacks to, in bytes. */
  static final long UNPACKED = 200L << 20;

  static final int MODELS = 40_000;

  /** The release a site syncs with the packaged defaults. */
  static final int DEFAULTS_MODELS = 10_000;

  /**
   * @param defaults the sync of a {@value #DEFAULTS_MODELS}-model release as installed: {@code
   *     alize-consumer sync --once} through the package's launcher, no option, into the default
   *     database (H2)
   */
  record Figures(
      Jobs.Done sync,
      long archiveBytes,
      long unpackedBytes,
      int models,
      String heap,
      Jobs.Done defaults) {}

  private MemoryBench() {}

  static Figures measure(BenchSettings settings, Jobs jobs) throws Exception {
    Path dir = settings.work().resolve("memory");
    // Each model file's description brings it to the size that makes the whole 200 MB.
    int description = (int) (UNPACKED / MODELS) - 1500;
    Jobs.Done defaults;
    try (PublisherSite site = new PublisherSite(settings, jobs, dir.resolve("defaults"))) {
      site.release(
          "1.0.0", BenchDatasource.Shape.first(settings.data(), DEFAULTS_MODELS), List.of());
      Path config = config(dir.resolve("defaults"), site, site.serveAll().get(0), null);
      defaults =
          jobs.run(
              "consumer sync with the packaged defaults",
              List.of(
                  settings.consumerJar().resolveSibling("alize-consumer").toString(),
                  "sync",
                  "--once",
                  "--config",
                  config.toString()),
              Map.of("JAVA", settings.java().toString()));
    }
    try (PublisherSite site = new PublisherSite(settings, jobs, dir)) {
      PublisherSite.Stage stage =
          site.release(
              "1.0.0",
              new BenchDatasource.Shape(settings.data(), MODELS, List.of(), description),
              List.of());
      long unpacked = unpackedSize(stage.archive());
      Path config =
          config(
              dir, site, site.serveAll().get(0), TestDatabases.fresh(TestDatabases.Kind.POSTGRES));
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
      return new Figures(sync, Files.size(stage.archive()), unpacked, MODELS, heap, defaults);
    }
  }

  /**
   * A consumer's configuration in {@code dir}; the default database (H2) when {@code db} is null.
   */
  private static Path config(Path dir, PublisherSite site, URI url, DatabaseSettings db)
      throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("alize:");
    lines.add("  consumer:");
    lines.add("    data-dir: " + quote(dir.resolve("consumer-data")));
    if (db != null) {
      lines.add("    database:");
      lines.add("      url: " + quote(db.url()));
      lines.add("      user: " + quote(db.user()));
      lines.add("      password: " + quote(db.password()));
    }
    lines.add("    repositories:");
    lines.add("      bench:");
    lines.add("        url: " + url);
    lines.add("        trusted-root: " + quote(site.trustedRoot()));
    lines.add("        tls-certificate: " + quote(site.certificate()));
    lines.add("        channel: stable");
    lines.add("        auto-approve: major");
    Path config = dir.resolve("consumer.yml");
    Files.writeString(config, String.join("\n", lines) + "\n");
    return config;
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
