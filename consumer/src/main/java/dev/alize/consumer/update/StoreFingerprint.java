package dev.alize.consumer.update;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;

/**
 * The files of a {@link MetadataStore} as they are at one moment: each one's size, modification
 * time and file key (the inode, where the system has one). Every write of the store replaces a file
 * by a rename, which gives it a new key, so equal fingerprints mean that no file was written, added
 * or removed in between, by this process or another.
 */
public record StoreFingerprint(Map<String, Stamp> files) {

  /** One file's attributes. */
  public record Stamp(long size, FileTime modified, Object key) {

    /** {@code file}'s attributes now; empty when it does not exist (or was just replaced). */
    public static Optional<Stamp> of(Path file) throws IOException {
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return Optional.of(new Stamp(a.size(), a.lastModifiedTime(), a.fileKey()));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      }
    }
  }
}
