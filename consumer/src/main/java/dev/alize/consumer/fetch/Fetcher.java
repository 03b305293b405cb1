package dev.alize.consumer.fetch;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * Gets bytes from a repository or a mirror. The only way the updater reaches the network, so that
 * tests can serve it from memory.
 */
public interface Fetcher {

  /**
   * @param maxLength the most bytes to accept; more is a {@link LengthLimitException}
   * @param ifNoneMatch the entity tag of the copy held, or null
   * @throws NotFoundException when the server has no such file
   * @throws DownloadException for every other failure
   */
  FetchResult fetch(URI url, long maxLength, String ifNoneMatch);

  /**
   * An unconditional fetch written to {@code out} as it arrives, for files too large to hold in
   * memory, such as release archives.
   *
   * @throws java.io.UncheckedIOException when {@code out} cannot be written
   */
  default void fetchTo(URI url, long maxLength, OutputStream out) {
    try {
      out.write(fetch(url, maxLength));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An unconditional fetch. */
  default byte[] fetch(URI url, long maxLength) {
    FetchResult result = fetch(url, maxLength, null);
    if (result instanceof FetchResult.Body body) {
      return body.bytes();
    }
    throw new DownloadException(url, "answered 304 to an unconditional request");
  }
}
