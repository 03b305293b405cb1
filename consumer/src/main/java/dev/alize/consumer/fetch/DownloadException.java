package dev.alize.consumer.fetch;

import java.net.URI;

/**
 * A file that could not be downloaded: the network, the server, or a limit. Never a trust decision.
 */
public class DownloadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final URI url;

  public DownloadException(URI url, String message) {
    super(url + ": " + message);
    this.url = url;
  }

  public DownloadException(URI url, String message, Throwable cause) {
    super(url + ": " + message, cause);
    this.url = url;
  }

  public URI url() {
    return url;
  }
}
