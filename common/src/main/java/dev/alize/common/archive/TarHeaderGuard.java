package dev.alize.common.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Sits between the gzip stream and the tar reader, and follows the tar stream block by block: it
 * counts every decompressed byte (headers and padding included) against the archive's limit, and
 * refuses a metadata entry (a PAX header, or a GNU long name or link) that claims more than {@link
 * #MAX_METADATA_BYTES} as soon as its header block is read. The tar reader holds such an entry
 * whole in memory before any limit of its own applies: a 1 MB upload claiming a 1 GiB PAX header
 * would otherwise cost gigabytes.
 */
final class TarHeaderGuard extends FilterInputStream {

  /** A PAX header or long name of a real datasource is a few hundred bytes. */
  static final int MAX_METADATA_BYTES = 64 * 1024;

  private static final int BLOCK = 512;
  private static final int SIZE_OFFSET = 124;
  private static final int SIZE_LENGTH = 12;
  private static final int TYPE_OFFSET = 156;

  private final long maxBytes;
  private final byte[] scratch = new byte[8192];
  private final byte[] header = new byte[BLOCK];
  private int headerFill;
  private long dataLeft;
  private long total;

  /**
   * @param maxBytes how many decompressed bytes the whole stream may hold
   */
  TarHeaderGuard(InputStream in, long maxBytes) {
    super(in);
    this.maxBytes = maxBytes;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      follow(b, off, n);
    }
    return n;
  }

  /** Skipped bytes are read, so that no header goes unseen. */
  @Override
  public long skip(long n) throws IOException {
    long skipped = 0;
    while (skipped < n) {
      int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  private void follow(byte[] b, int off, int n) {
    total += n;
    if (total > maxBytes) {
      throw new ArchiveException(null, "the archive unpacks to more than " + maxBytes + " bytes");
    }
    int at = off;
    int end = off + n;
    while (at < end) {
      if (dataLeft > 0) {
        int passed = (int) Math.min(dataLeft, end - at);
        dataLeft -= passed;
        at += passed;
        continue;
      }
      int copied = Math.min(BLOCK - headerFill, end - at);
      System.arraycopy(b, at, header, headerFill, copied);
      headerFill += copied;
      at += copied;
      if (headerFill == BLOCK) {
        headerFill = 0;
        dataLeft = paddedSize(checkedSize());
      }
    }
  }

  /** The size the header just read declares, refused when a metadata entry claims too much. */
  private long checkedSize() {
    long size = size();
    char type = (char) header[TYPE_OFFSET];
    boolean metadata = type == 'x' || type == 'g' || type == 'L' || type == 'K';
    if (metadata && size > MAX_METADATA_BYTES) {
      throw new ArchiveException(
          null,
          "a tar metadata entry (type "
              + type
              + ") claims "
              + size
              + " bytes, more than "
              + MAX_METADATA_BYTES);
    }
    return size;
  }

  /** The size field: octal digits, or big-endian base 256 when its first bit is set. */
  private long size() {
    if ((header[SIZE_OFFSET] & 0x80) != 0) {
      long size = 0;
      for (int i = SIZE_OFFSET + 1; i < SIZE_OFFSET + SIZE_LENGTH; i++) {
        if (size > (Long.MAX_VALUE >> 8)) {
          return Long.MAX_VALUE;
        }
        size = (size << 8) | (header[i] & 0xff);
      }
      return size;
    }
    long size = 0;
    for (int i = SIZE_OFFSET; i < SIZE_OFFSET + SIZE_LENGTH; i++) {
      byte c = header[i];
      if (c >= '0' && c <= '7') {
        if (size > (Long.MAX_VALUE >> 3)) {
          return Long.MAX_VALUE;
        }
        size = (size << 3) | (c - '0');
      } else if (c != ' ' && c != 0) {
        // Not a size the tar reader accepts either: it refuses the header itself.
        return 0;
      }
    }
    return size;
  }

  private static long paddedSize(long size) {
    if (size > Long.MAX_VALUE - BLOCK) {
      return Long.MAX_VALUE;
    }
    return (size + BLOCK - 1) / BLOCK * BLOCK;
  }
}
