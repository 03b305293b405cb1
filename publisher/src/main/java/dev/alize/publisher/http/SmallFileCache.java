package dev.alize.publisher.http;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bytes and digest of small served files, remembered by path and version (identity, size,
 * modification time) as {@link ContentDigests} remembers digests: a poll of an unchanged metadata
 * file then opens, reads and closes nothing, which were half of its system calls. Writers replace
 * files by renaming a new one into place, which changes the identity and so the version.
 */
final class SmallFileCache {

  /** Metadata is far smaller; archives are larger, and are streamed from the disk. */
  static final int MAX_FILE_BYTES = 64 * 1024;

  /** At most 16 MiB held; past it the cache starts over rather than grow. */
  static final int MAX_ENTRIES = 256;

  /** A file's version and what was read of it; {@code content} is never changed. */
  record Entry(Object fileKey, long size, FileTime modified, byte[] content, String sha256) {
    boolean isOf(BasicFileAttributes attributes) {
      return Objects.equals(fileKey, attributes.fileKey())
          && size == attributes.size()
          && modified.equals(attributes.lastModifiedTime());
    }
  }

  private final Map<Path, Entry> entries = new ConcurrentHashMap<>();

  /** What was kept of {@code path}, if it was of the version {@code attributes} describe. */
  Entry get(Path path, BasicFileAttributes attributes) {
    Entry entry = entries.get(path);
    return entry != null && entry.isOf(attributes) ? entry : null;
  }

  /**
   * Keeps {@code content}, all the bytes of the version of {@code path} that {@code attributes}
   * describe, and their digest.
   */
  Entry put(Path path, BasicFileAttributes attributes, byte[] content, String sha256) {
    Entry entry =
        new Entry(
            attributes.fileKey(),
            attributes.size(),
            attributes.lastModifiedTime(),
            content,
            sha256);
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(path, entry);
    return entry;
  }

  int size() {
    return entries.size();
  }
}
