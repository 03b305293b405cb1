package dev.alize.common.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Writes tar.gz archives, hostile ones included, the way an attacker's tool would. */
final class TarBuilder {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar;

  TarBuilder() throws IOException {
    tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes));
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
  }

  TarBuilder file(String name, byte[] content) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, true);
    entry.setSize(content.length);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
    return this;
  }

  TarBuilder directory(String name) throws IOException {
    return header(new TarArchiveEntry(name, TarConstants.LF_DIR, true));
  }

  TarBuilder symlink(String name, String target) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
    entry.setLinkName(target);
    return header(entry);
  }

  TarBuilder hardLink(String name, String target) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
    entry.setLinkName(target);
    return header(entry);
  }

  TarBuilder special(String name, byte type) throws IOException {
    return header(new TarArchiveEntry(name, type, true));
  }

  private TarBuilder header(TarArchiveEntry entry) throws IOException {
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
    return this;
  }

  byte[] build() throws IOException {
    tar.close();
    return bytes.toByteArray();
  }

  /**
   * Streams a tar.gz of one entry of {@code size} zero bytes to {@code out}: a gzip bomb whose
   * unpacked size is never held in memory.
   */
  static void writeZeros(OutputStream out, String name, long size) throws IOException {
    try (TarArchiveOutputStream bomb = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      bomb.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      TarArchiveEntry entry = new TarArchiveEntry(name, true);
      entry.setSize(size);
      bomb.putArchiveEntry(entry);
      byte[] chunk = new byte[1 << 20];
      for (long written = 0; written < size; written += chunk.length) {
        bomb.write(chunk, 0, (int) Math.min(chunk.length, size - written));
      }
      bomb.closeArchiveEntry();
    }
  }
}
