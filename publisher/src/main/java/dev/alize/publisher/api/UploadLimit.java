package dev.alize.publisher.api;

import dev.alize.common.io.SkipByReading;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An upload body read up to a limit, counted as it is read, so that neither a Content-Length that
 * lies nor a chunked body can take more. Past the limit, reads throw an unchecked {@link
 * ApiException} 413, which the archive reader does not mistake for a damaged archive. Closing it
 * leaves the request's body to the server.
 */
final class UploadLimit extends FilterInputStream {

  private final long max;
  private long count;

  UploadLimit(InputStream in, long max) {
    super(in);
    this.max = max;
  }

  static String message(long max) {
    return "the upload is larger than "
        + max
        + " bytes, the limit of this publisher (alize.publisher.api.max-upload-bytes)";
  }

  @Override
  public int read() throws IOException {
    int b;
    try {
      b = in.read();
    } catch (IOException e) {
      throw overLimitOr(e);
    }
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n;
    try {
      n = in.read(buffer, offset, length);
    } catch (IOException e) {
      throw overLimitOr(e);
    }
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  /** Skipped bytes count too: they are read, not skipped over in the underlying stream. */
  @Override
  public long skip(long n) throws IOException {
    return SkipByReading.skip(this, n);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void close() {
    // The server owns the request body.
  }

  /** Reads what the archive reader left (the gzip trailer, padding), within the limit. */
  void drain() throws IOException {
    byte[] buffer = new byte[8192];
    while (read(buffer, 0, buffer.length) >= 0) {
      // Only counted.
    }
  }

  private void counted(int n) {
    count += n;
    if (count > max) {
      throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, message(max));
    }
  }

  /** The server's own limit (the same number) may trip first: the answer is the same. */
  private IOException overLimitOr(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ContentLengthExceededException) {
        throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, message(max));
      }
    }
    return e;
  }
}
