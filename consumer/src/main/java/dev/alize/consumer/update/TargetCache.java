package dev.alize.consumer.update;

import dev.alize.common.io.AtomicFiles;
import dev.alize.common.tuf.TargetFile;
import dev.alize.common.verify.LengthAndHashes;
import dev.alize.common.verify.LengthOrHashMismatchException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
      LengthAndHashes.verify(
          target.path(), Files.readAllBytes(file), target.length(), target.hashes());
      return Optional.of(file);
    } catch (LengthOrHashMismatchException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Stores bytes that were verified against {@code target}. */
  public Path store(TargetFile target, byte[] verified) {
    Path file = file(target);
    AtomicFiles.writeAtomically(file, verified);
    return file;
  }
}
