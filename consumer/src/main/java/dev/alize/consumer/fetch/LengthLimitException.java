package dev.alize.consumer.fetch;

import java.net.URI;

/** A response longer than allowed: endless data is cut at the cap, never read to its end. */
public final class LengthLimitException extends DownloadException {
  private static final long serialVersionUID = 1L;

  private final long limit;

  public LengthLimitException(URI url, long limit) {
    super(url, "more than the " + limit + " bytes allowed");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
