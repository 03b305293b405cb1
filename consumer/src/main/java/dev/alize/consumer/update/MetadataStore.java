package dev.alize.consumer.update;

import dev.alize.common.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeMap;

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

  /** What the files are now, read from their attributes alone; an empty map when none exist. */
  public StoreFingerprint fingerprint() {
    TreeMap<String, StoreFingerprint.Stamp> files = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        StoreFingerprint.Stamp.of(entry)
            .ifPresent(s -> files.put(entry.getFileName().toString(), s));
      }
    } catch (NoSuchFileException e) {
      // Nothing stored yet.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return new StoreFingerprint(files);
  }

  public boolean exists(String role) {
    return Files.exists(file(role));
  }

  public void write(String role, byte[] bytes) {
    AtomicFiles.writeAtomically(file(role), bytes);
  }

  private Path file(String role) {
    return dir.resolve(PercentEncoding.encode(role) + ".json");
  }
}
