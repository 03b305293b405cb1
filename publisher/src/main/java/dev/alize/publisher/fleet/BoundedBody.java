package dev.alize.publisher.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A request body read whole, but never more than its limit: a Content-Length above it is refused
 * before anything is read, and a chunked body (or one whose length lies) as soon as one byte more
 * arrives.
 */
public final class BoundedBody {

  private BoundedBody() {}

  /**
   * @param contentLength the declared length, or a negative number when none was declared
   * @param what what the body is, for the message
   * @throws RefusedException {@link Refusal#TOO_LARGE} beyond {@code max} bytes
   */
  public static byte[] read(InputStream in, long contentLength, int max, String what) {
    if (contentLength > max) {
      throw tooLarge(max, what);
    }
    if (in == null) {
      return new byte[0];
    }
    byte[] buffer = new byte[Math.min(max + 1, 8192)];
    int size = 0;
    try {
      while (true) {
        if (size == buffer.length) {
          buffer = Arrays.copyOf(buffer, Math.min(max + 1, buffer.length * 2));
        }
        int n = in.read(buffer, size, buffer.length - size);
        if (n < 0) {
          return Arrays.copyOf(buffer, size);
        }
        size += n;
        if (size > max) {
          throw tooLarge(max, what);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
  }

  private static RefusedException tooLarge(int max, String what) {
    return new RefusedException(Refusal.TOO_LARGE, what + " is at most " + max + " bytes");
  }
}
