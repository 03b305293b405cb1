package dev.alize.common.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * Skips by reading through the stream's own {@code read}, for a stream that must see every byte (to
 * count or digest it) even when its reader skips some.
 */
public final class SkipByReading {

  private SkipByReading() {}

  /** Reads and drops up to {@code n} bytes of {@code in}; returns how many, fewer at the end. */
  public static long skip(InputStream in, long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
    long skipped = 0;
    while (skipped < n) {
      int r = in.read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }
}
