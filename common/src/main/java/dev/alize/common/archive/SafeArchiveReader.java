package dev.alize.common.archive;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads an untrusted tar.gz, whole or a file at a time, refusing anything a datasource archive
 * never holds: absolute paths, {@code ..}, links, devices, duplicate paths, and more entries or
 * bytes than {@link ArchiveLimits} allow. Sizes are counted as bytes are decompressed, so a gzip
 * bomb stops at the limit. Directory entries (which {@code tar} writes) are skipped.
 */
public final class SafeArchiveReader {

  private final ArchiveLimits limits;

  public SafeArchiveReader(ArchiveLimits limits) {
    this.limits = limits;
  }

  /** Told of each file of an archive, in archive order. */
  @FunctionalInterface
  public interface FileVisitor {
    void file(String path, byte[] bytes);
  }

  /**
   * The files of the archive by path, in archive order.
   *
   * @throws ArchiveException naming the entry at fault
   */
  public Map<String, byte[]> read(InputStream compressed) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    forEach(compressed, files::put);
    return files;
  }

  /**
   * Writes each file of the archive under {@code folder}, creating the folders on its path, holding
   * only one file's bytes at a time: checked as {@link #read} checks it, and never outside {@code
   * folder}, since every path is relative and has no {@code ..}.
   *
   * @throws ArchiveException naming the entry at fault, or one that cannot be written beside the
   *     others (a file and a folder of the same name)
   */
  public void unpack(InputStream compressed, Path folder) {
    forEach(
        compressed,
        (path, bytes) -> {
          Path file = folder.resolve(path);
          try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes, StandardOpenOption.CREATE_NEW);
          } catch (IOException e) {
            throw new ArchiveException(
                path,
                "cannot be unpacked beside the other files (a file and a folder of one name?)");
          }
        });
  }

  /**
   * Each file of the archive, in archive order, checked as {@link #read} checks it, holding only
   * one file's bytes at a time: for archives too large to hold at once. A visitor's exception ends
   * the reading and reaches the caller unchanged.
   *
   * @throws ArchiveException naming the entry at fault
   */
  public void forEach(InputStream compressed, FileVisitor visitor) {
    Set<String> seen = new HashSet<>();
    long total = 0;
    int entries = 0;
    TarHeaderGuard guard =
        new TarHeaderGuard(
            gzip(compressed), limits.maxTotalBytes() + (long) (limits.maxEntries() + 2) * 1024);
    try (TarArchiveInputStream tar = new TarArchiveInputStream(guard)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        entries++;
        if (entries > limits.maxEntries()) {
          throw new ArchiveException(null, "more than " + limits.maxEntries() + " entries");
        }
        if (entry.isDirectory() && isRoot(entry.getName())) {
          continue;
        }
        String path = safePath(entry.getName());
        if (entry.isDirectory()) {
          continue;
        }
        refuseSpecial(entry, path);
        if (entry.getSize() > limits.maxEntryBytes()) {
          throw new ArchiveException(path, "larger than " + limits.maxEntryBytes() + " bytes");
        }
        if (entry.getSize() > limits.maxTotalBytes() - total) {
          throw new ArchiveException(
              path, "the archive unpacks to more than " + limits.maxTotalBytes() + " bytes");
        }
        byte[] bytes =
            tar.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxEntryBytes() + 1));
        if (bytes.length > limits.maxEntryBytes()) {
          throw new ArchiveException(path, "larger than " + limits.maxEntryBytes() + " bytes");
        }
        total += bytes.length;
        if (total > limits.maxTotalBytes()) {
          throw new ArchiveException(
              path, "the archive unpacks to more than " + limits.maxTotalBytes() + " bytes");
        }
        if (!seen.add(path)) {
          throw new ArchiveException(path, "appears twice in the archive");
        }
        visitor.file(path, bytes);
      }
      // To the end of the gzip stream, whose trailer (CRC and length) is checked only there.
      guard.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  private static InputStream gzip(InputStream compressed) {
    try {
      return new GZIPInputStream(new BufferedInputStream(compressed), 64 * 1024);
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  private static ArchiveException unreadable(IOException e) {
    if (e instanceof ZipException) {
      return new ArchiveException("not a gzip stream, or a damaged one: " + e.getMessage(), e);
    }
    if (e instanceof EOFException) {
      return new ArchiveException("the archive is truncated", e);
    }
    return new ArchiveException("not a readable tar.gz archive: " + e.getMessage(), e);
  }

  private static void refuseSpecial(TarArchiveEntry entry, String path) {
    if (entry.isSymbolicLink() || entry.isLink()) {
      throw new ArchiveException(path, "links are not allowed");
    }
    if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
      throw new ArchiveException(path, "devices and pipes are not allowed");
    }
    if (entry.isSparse() || !entry.isFile()) {
      throw new ArchiveException(path, "only regular files are allowed");
    }
  }

  /** The archive's own directory, which {@code tar -C dir .} writes first. */
  private static boolean isRoot(String name) {
    return name.equals(".") || name.equals("./");
  }

  /**
   * A relative path of plain names; "./" prefixes and trailing slashes are dropped.
   *
   * @throws ArchiveException naming {@code name}, when the reader refuses it as an entry's name
   */
  public static String safePath(String name) {
    String path = name;
    while (path.startsWith("./")) {
      path = path.substring(2);
    }
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.isEmpty()
        || path.startsWith("/")
        || path.contains("\\")
        || path.matches("^[A-Za-z]:.*")) {
      throw new ArchiveException(name, "absolute or empty paths are not allowed");
    }
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new ArchiveException(name, "paths may not contain '..', '.' or empty parts");
      }
      for (int i = 0; i < part.length(); i++) {
        if (Character.isISOControl(part.charAt(i))) {
          throw new ArchiveException(name, "control characters are not allowed in paths");
        }
      }
    }
    return path;
  }
}
