package dev.alize.consumer.update;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The trusted metadata on disk: each role under its non-versioned name ({@code root.json}, {@code
 * timestamp.json}, delegated roles percent-encoded), as the exact bytes received, written by
 * replacing the file in one rename so that a crash leaves the old or the new, never half.
 */
public final class MetadataStore {

  private final Path dir;

  public MetadataStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Optional<byte[]> read(String role) {
    try {
      return Optional.of(Files.readAllBytes(file(role)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file(role), e);
    }
  }

  public void write(String role, byte[] bytes) {
    Path target = file(role);
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".alize-", ".tmp");
      try {
        Files.write(temp, bytes);
        try {
          Files.move(
              temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  public void delete(String role) {
    try {
      Files.deleteIfExists(file(role));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file(role), e);
    }
  }

  private Path file(String role) {
    return dir.resolve(PercentEncoding.encode(role) + ".json");
  }
}
