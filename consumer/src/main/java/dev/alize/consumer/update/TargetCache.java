package dev.alize.consumer.update;

import dev.alize.common.tuf.TargetFile;
import dev.alize.common.verify.LengthAndHashes;
import dev.alize.common.verify.LengthOrHashMismatchException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Verified targets on disk, one file per target path (percent-encoded), so that an unchanged target
 * is never downloaded twice and a changed one replaces its old copy.
 */
public final class TargetCache {

  private final Path dir;

  public TargetCache(Path dir) {
    this.dir = dir;
  }

  public Path file(TargetFile target) {
    return file(target.path());
  }

  /** Where the target of this path is kept, whether or not it is there. */
  public Path file(String targetPath) {
    return dir.resolve(PercentEncoding.encode(targetPath));
  }

  /** The cached copy, if its length and hashes are the signed ones. */
  public Optional<Path> find(TargetFile target) {
    Path file = file(target);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      if (Files.size(file) != target.length()) {
        return Optional.empty();
      }
      LengthAndHashes.verify(target.path(), file, target.length(), target.hashes());
      return Optional.of(file);
    } catch (LengthOrHashMismatchException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Writes a target's bytes. */
  @FunctionalInterface
  public interface Download {
    void to(OutputStream out) throws IOException;
  }

  /**
   * Stores the target {@code download} writes, once it verifies against the signed length and
   * hashes: written beside its place and moved there, so that a failed or forged download leaves
   * the cache as it was, and never held in memory whole.
   *
   * @throws LengthOrHashMismatchException when what was written is not the signed target
   */
  public Path store(TargetFile target, Download download) {
    Path file = file(target);
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, ".download-", ".tmp");
      try (OutputStream out = Files.newOutputStream(temp)) {
        download.to(out);
      }
      LengthAndHashes.verify(target.path(), temp, target.length(), target.hashes());
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      temp = null;
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store " + file, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // A leftover temporary file is harmless: the next download writes a new one.
        }
      }
    }
  }
}
