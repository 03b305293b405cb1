package dev.alize.common.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A folder of its own under a parent, readable by its owner only, deleted with all it holds when
 * closed: for work that must leave nothing behind whatever its outcome.
 */
public final class TemporaryFolder implements AutoCloseable {

  private final Path path;

  private TemporaryFolder(Path path) {
    this.path = path;
  }

  /** Creates a new folder named {@code prefix} then a random part, under {@code parent}. */
  public static TemporaryFolder create(Path parent, String prefix) {
    try {
      Files.createDirectories(parent);
      return new TemporaryFolder(Files.createTempDirectory(parent, prefix));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder in " + parent, e);
    }
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() {
    try {
      // Links are deleted, never followed.
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              if (e != null) {
                throw e;
              }
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException e) {
      // Gone already.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }
}
