package dev.alize.consumer.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.archive.DeterministicArchive;
import dev.alize.common.datasource.Datasource;
import dev.alize.common.datasource.DatasourceLoader;
import dev.alize.common.datasource.DirectorySourceTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A copy of the sample datasource {@code datasources/eole} that a test edits to craft the next
 * version of it: each edit says exactly what changes, and fails when the text it changes is not
 * there once, so that a change of the sample datasource cannot silently empty a test.
 */
final class EoleTree {

  /** The sample datasource, relative to the consumer module (where the tests run). */
  static final Path SAMPLE = Path.of("..", "datasources", "eole");

  /** The 2.9.0 web proxy service, which tests narrow, rename and trim. */
  static final String PROXY_290 = "services/2.9.0/eole-proxy.yaml";

  /** A service no model runs, offered in 2.9.0 only: for child models to add. */
  static final String EXTRA_SERVICE = "services/2.9.0/eole-extra.yaml";

  private final Path dir;

  private EoleTree(Path dir) {
    this.dir = dir;
  }

  /** The sample datasource as it is, copied into {@code where}. */
  static EoleTree sample(Path where) {
    copyTree(SAMPLE, where);
    return new EoleTree(where);
  }

  /** A copy of this tree in {@code where}, to edit into the next version. */
  EoleTree copy(Path where) {
    copyTree(dir, where);
    return new EoleTree(where);
  }

  Path dir() {
    return dir;
  }

  /** Replaces the one occurrence of {@code old} in {@code file}. */
  EoleTree replace(String file, String old, String replacement) {
    String text = read(file);
    int at = text.indexOf(old);
    assertTrue(at >= 0, file + " has no '" + old + "'");
    assertEquals(-1, text.indexOf(old, at + 1), file + " has '" + old + "' more than once");
    return write(file, text.substring(0, at) + replacement + text.substring(at + old.length()));
  }

  EoleTree write(String file, String content) {
    try {
      Path path = dir.resolve(file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  EoleTree delete(String file) {
    try {
      assertTrue(Files.deleteIfExists(dir.resolve(file)), file + " is not there");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  String read(String file) {
    try {
      return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- the edits the tests share

  /** Adds {@link #EXTRA_SERVICE}: service eole-extra with one variable, extra_level. */
  EoleTree withExtraService() {
    return write(
        EXTRA_SERVICE,
        """
        name: eole-extra
        description: A monitoring agent no model runs, that child models may add.
        packages: [extra-agent]
        variables:
          extra_level:
            type: integer
            min: 0
            max: 9
            default: 1
            description: Verbosity of the agent.
        """);
  }

  /** Adds service eole-monitor, with one variable, monitor_interval, that no model runs yet. */
  EoleTree withMonitorService() {
    return write(
        "services/eole-monitor.yaml",
        """
        name: eole-monitor
        description: Monitoring agent.
        packages: [monitor-agent]
        variables:
          monitor_interval:
            type: integer
            min: 10
            max: 3600
            default: 60
            description: Seconds between two probes.
        """);
  }

  /** Changes the upstream default of proxy_port in 2.9.0 from {@code from} to {@code to}. */
  EoleTree proxyPortDefault(int from, int to) {
    return replace(
        PROXY_290,
        "  proxy_port:\n    type: port\n    default: " + from + "\n",
        "  proxy_port:\n    type: port\n    default: " + to + "\n");
  }

  /** Removes variable proxy_parent_port from the 2.9.0 proxy (no model sets it). */
  EoleTree withoutProxyParentPort() {
    return replace(
        PROXY_290,
        "  proxy_parent_port:\n"
            + "    type: port\n"
            + "    default: 3128\n"
            + "    description: Port of the upstream proxy.\n",
        "");
  }

  /** Changes a description of model hapy 2.9.0 only: a change that touches no child model. */
  EoleTree touchHapy(String note) {
    return replace(
        "servermodels/2.9.0/hapy.yaml", "description: >-\n", "description: >-\n  " + note + "\n");
  }

  /** The datasource this tree holds, as the importer reads it. */
  Datasource load() {
    return new DatasourceLoader().load(new DirectorySourceTree(dir)).orThrow();
  }

  /** The deterministic tar.gz of this tree, as a publisher releases it. */
  byte[] archive() {
    return DeterministicArchive.write(new DirectorySourceTree(dir));
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      List<Path> all = paths.sorted(Comparator.naturalOrder()).toList();
      for (Path p : all) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
    }
  }
}
