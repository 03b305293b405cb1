package dev.alize.publisher.repository;

import dev.alize.common.codec.Hashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Everything under a folder, to show that a refused change left it exactly as it was. */
public final class RepositoryFiles {

  private static final String DIRECTORY = "(directory)";

  private RepositoryFiles() {}

  /**
   * Each file's relative path with its SHA-256, and each folder's. The lock file is left out: the
   * first change creates it, empty, whether or not it succeeds.
   */
  public static SortedMap<String, String> contents(Path root) {
    SortedMap<String, String> out = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.toList()) {
        String relative = root.relativize(p).toString();
        if (relative.isEmpty() || relative.equals(".lock")) {
          continue;
        }
        out.put(
            relative, Files.isDirectory(p) ? DIRECTORY : Hashes.sha256Hex(Files.readAllBytes(p)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
