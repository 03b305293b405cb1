package dev.alize.consumer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.common.codec.Hashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A consumer site: configuration files in one folder, sharing the data folder beside them, for the
 * repository {@code upstream}; {@code sync --once} runs in-process.
 */
final class ConsumerSite {

  /**
   * The answer of one command: {@code err} without the steps it told as it went (its lines ending
   * "..."), which are in {@code progress}.
   */
  record Run(int exit, List<String> out, String err, List<String> progress) {}

  /**
   * What the consumer trusts: the SHA-256 of each file of its metadata folder, and the installed
   * version of each datasource installed.
   */
  record Trusted(Map<String, String> metadata, Map<String, String> installed) {}

  private final Path dir;
  private final LivePublisher publisher;

  ConsumerSite(Path dir, LivePublisher publisher) {
    this.dir = dir;
    this.publisher = publisher;
  }

  /**
   * Writes {@code name} in the site folder: the repository {@code upstream}, anchored in the
   * publisher's first root, with {@code settings} (YAML lines under the repository).
   */
  Path config(String name, String... settings) {
    StringBuilder yaml =
        new StringBuilder("alize:\n  consumer:\n    repositories:\n      upstream:\n");
    yaml.append("        trusted-root: ").append(publisher.trustAnchor()).append('\n');
    for (String line : settings) {
      yaml.append("        ").append(line).append('\n');
    }
    Path file = dir.resolve(name);
    try {
      Files.createDirectories(dir);
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** A configuration for the publisher itself, over HTTPS with its certificate pinned. */
  Path direct(String... more) {
    String[] settings = new String[more.length + 2];
    settings[0] = "url: " + publisher.url();
    settings[1] = "tls-certificate: " + publisher.certificate();
    System.arraycopy(more, 0, settings, 2, more.length);
    return config("direct.yml", settings);
  }

  /**
   * Adds {@code lines} (YAML, indented as keys of {@code alize.consumer}) at the end of {@code
   * config}, such as {@code notifications:} and its keys.
   */
  static Path append(Path config, String... lines) {
    StringBuilder yaml = new StringBuilder();
    for (String line : lines) {
      yaml.append("    ").append(line).append('\n');
    }
    try {
      Files.writeString(config, Files.readString(config) + yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return config;
  }

  /** Runs any consumer command in-process: {@code run("status", "--config", config, "--json")}. */
  static Run run(Object... args) {
    CommandRun run = CommandRun.of(args);
    StringBuilder err = new StringBuilder();
    List<String> progress = new ArrayList<>();
    run.err()
        .lines()
        .forEach(
            l -> {
              if (l.endsWith("...")) {
                progress.add(l);
              } else {
                err.append(l).append('\n');
              }
            });
    return new Run(run.exit(), run.out().lines().toList(), err.toString(), progress);
  }

  Run sync(Path config) {
    return run("sync", "--once", "--config", config);
  }

  Path repositoryDir() {
    return dir.resolve("alize-data/repositories/upstream");
  }

  /** A trusted metadata file, as the consumer stored it. */
  Path metadata(String role) {
    return repositoryDir().resolve("metadata").resolve(role + ".json");
  }

  Trusted trusted() {
    Map<String, String> metadata = new TreeMap<>();
    Map<String, String> installed = new TreeMap<>();
    try {
      Path folder = repositoryDir().resolve("metadata");
      if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          for (Path f : files.toList()) {
            metadata.put(f.getFileName().toString(), Hashes.sha256Hex(Files.readAllBytes(f)));
          }
        }
      }
      Path status = repositoryDir().resolve("status.json");
      if (Files.exists(status)) {
        JsonNode datasources = new ObjectMapper().readTree(status.toFile()).path("datasources");
        datasources
            .properties()
            .forEach(
                e -> {
                  if (e.getValue().hasNonNull("installed")) {
                    installed.put(e.getKey(), e.getValue().get("installed").asText());
                  }
                });
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Trusted(metadata, installed);
  }
}
