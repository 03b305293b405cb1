package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.archive.DeterministicArchive;
import dev.alize.common.datasource.DirectorySourceTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The sample datasource {@code ../datasources/eole} and a next release of it that breaks a child
 * model of {@code eole/2.9.0/amon}: 2.9.0's eole-proxy no longer defines {@value #REMOVED} and
 * changes the default of {@value #CHANGED} from 4000 to 8000.
 */
final class EoleReleases {

  static final Path EOLE = LivePublisher.DATASOURCES.resolve("eole");

  /** The variable the next release removes (a blocking conflict for a child overriding it). */
  static final String REMOVED = "filter_port";

  /** The variable whose default the next release changes (a warning under an override). */
  static final String CHANGED = "proxy_cache_mb";

  private static final String PROXY = "services/2.9.0/eole-proxy.yaml";

  private EoleReleases() {}

  /** Copies eole to {@code to/eole} and changes it as described above; returns the copy. */
  static Path next(Path to) {
    Path copy = to.resolve("eole");
    try (Stream<Path> files = Files.walk(EOLE)) {
      for (Path f : files.toList()) {
        Path target = copy.resolve(EOLE.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
      Path proxy = copy.resolve(PROXY);
      String yaml = Files.readString(proxy);
      String removed =
          "  filter_port:\n"
              + "    type: port\n"
              + "    default: 8080\n"
              + "    description: Port on which E2guardian listens.\n";
      String changed = "    max: 100000\n    default: 4000\n";
      assertTrue(
          yaml.contains(removed) && yaml.contains(changed), () -> PROXY + " changed:\n" + yaml);
      Files.writeString(
          proxy,
          yaml.replace(removed, "").replace(changed, "    max: 100000\n    default: 8000\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return copy;
  }

  /** The release archive of a datasource folder, as the publisher builds it. */
  static byte[] archive(Path datasource) {
    return DeterministicArchive.write(new DirectorySourceTree(datasource));
  }
}
