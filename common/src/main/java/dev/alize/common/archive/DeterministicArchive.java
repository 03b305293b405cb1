package dev.alize.common.archive;

import dev.alize.common.datasource.SourceTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a tree of files as a tar.gz whose bytes depend on the files' paths and contents only:
 * entries sorted by path, regular files only, modification time 0, owner and group 0 with no names,
 * mode 0644, and a gzip header with no time or name. The same tree gives the same bytes, so the
 * same hash, on every run.
 */
public final class DeterministicArchive {

  private static final FileTime EPOCH = FileTime.from(Instant.EPOCH);

  private DeterministicArchive() {}

  public static byte[] write(SourceTree tree) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(tree, out);
    return out.toByteArray();
  }

  public static void write(SourceTree tree, OutputStream target) {
    try (GZIPOutputStream gzip = new GZIPOutputStream(target, 64 * 1024);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (String path : tree.files().stream().sorted().toList()) {
        byte[] bytes;
        try (InputStream in = tree.open(path)) {
          bytes = in.readAllBytes();
        }
        TarArchiveEntry entry = new TarArchiveEntry(path, true);
        entry.setSize(bytes.length);
        entry.setMode(0100644);
        entry.setLastModifiedTime(EPOCH);
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("");
        entry.setGroupName("");
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
      tar.finish();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the archive", e);
    }
  }
}
