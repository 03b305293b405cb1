package dev.alize.publisher.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of served files, remembered by path, identity (inode), size and modification time, so
 * that a file is hashed once rather than on every request. Writers replace files by renaming a new
 * one into place, which changes the identity and so invalidates the entry.
 */
public final class ContentDigests {

  /** Far above the files of a repository; past it the cache starts over rather than grow. */
  static final int MAX_ENTRIES = 10_000;

  private record Version(Object fileKey, long size, FileTime modified) {
    static Version of(BasicFileAttributes attributes) {
      return new Version(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
    }
  }

  private record Entry(Version version, String sha256) {}

  private final Map<Path, Entry> entries = new ConcurrentHashMap<>();

  /**
   * The hex SHA-256 of {@code channel}'s content, read with positional reads so that the channel's
   * position stays where it was.
   */
  public String sha256(Path path, BasicFileAttributes attributes, FileChannel channel)
      throws IOException {
    Version version = Version.of(attributes);
    Entry entry = entries.get(path);
    if (entry != null && Objects.equals(entry.version(), version)) {
      return entry.sha256();
    }
    String digest = hash(channel);
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(path, new Entry(version, digest));
    return digest;
  }

  int size() {
    return entries.size();
  }

  private static String hash(FileChannel channel) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    long position = 0;
    for (int n = channel.read(buffer, position); n >= 0; n = channel.read(buffer, position)) {
      position += n;
      buffer.flip();
      sha256.update(buffer);
      buffer.clear();
    }
    return HexFormat.of().formatHex(sha256.digest());
  }
}
