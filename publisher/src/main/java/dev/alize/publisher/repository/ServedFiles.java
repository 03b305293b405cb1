package dev.alize.publisher.repository;

import dev.alize.common.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes the files a web server serves (metadata and targets) with the repository's {@link
 * FileMode}: each file gets its mode before it is renamed into place, so that a re-sign never
 * leaves one a web server cannot read, and each folder made on the way gets the folder mode.
 */
final class ServedFiles {

  private final RepositoryLayout layout;
  private final FileMode mode;

  ServedFiles(RepositoryLayout layout, FileMode mode) {
    this.layout = layout;
    this.mode = mode;
  }

  void write(Path file, byte[] bytes) {
    createDirectories(file.toAbsolutePath().getParent());
    AtomicFiles.writeAtomically(file, bytes, mode.file());
  }

  /** Sets the folder mode on the repository's folder and its two served folders. */
  void setFolderModes() {
    for (Path dir : new Path[] {layout.root(), layout.metadata(), layout.targets()}) {
      setMode(dir);
    }
  }

  /** Creates {@code dir} and its missing parents, each with the folder mode. */
  private void createDirectories(Path dir) {
    Deque<Path> missing = new ArrayDeque<>();
    for (Path d = dir; d != null && !Files.isDirectory(d); d = d.getParent()) {
      missing.push(d);
    }
    for (Path d : missing) {
      try {
        Files.createDirectory(d);
      } catch (IOException e) {
        if (!Files.isDirectory(d)) {
          throw new UncheckedIOException("cannot create " + d, e);
        }
      }
      setMode(d);
    }
  }

  private void setMode(Path dir) {
    try {
      if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(dir, mode.directory());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set the mode of " + dir, e);
    }
  }
}
