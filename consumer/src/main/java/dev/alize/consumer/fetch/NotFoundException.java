package dev.alize.consumer.fetch;

import java.net.URI;

/** The server has no such file: for the next root version, the normal end of the chain. */
public final class NotFoundException extends DownloadException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(URI url, int status) {
    super(url, "not found (HTTP " + status + ")");
  }
}
