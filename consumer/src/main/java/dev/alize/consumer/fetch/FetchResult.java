package dev.alize.consumer.fetch;

/** What a fetch gave: the body, or "not modified" for a conditional request. */
public sealed interface FetchResult permits FetchResult.Body, FetchResult.NotModified {

  /**
   * @param etag the entity tag the server gave, or null
   */
  record Body(byte[] bytes, String etag) implements FetchResult {}

  /** The server's copy is the one named by the entity tag sent: nothing was transferred. */
  record NotModified() implements FetchResult {}
}
