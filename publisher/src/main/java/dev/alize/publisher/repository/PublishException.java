package dev.alize.publisher.repository;

/**
 * A publishing action that cannot be done: an invalid datasource, a version that is not above the
 * last, a missing key, a damaged repository. The message says what to do about it; the repository
 * is unchanged.
 */
public final class PublishException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PublishException(String message) {
    super(message);
  }

  public PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
