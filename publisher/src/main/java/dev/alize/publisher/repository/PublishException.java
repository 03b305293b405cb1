package dev.alize.publisher.repository;

/**
 * A publishing action that cannot be done: an invalid datasource, a version that is not above the
 * last, a missing key, a damaged repository. The message says what to do about it; the repository
 * is unchanged. {@link #kind()} tells a caller such as the write API whose fault it is.
 */
public final class PublishException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, as far as the one who asked is concerned. */
  public enum Kind {
    /** The request itself is incomplete or malformed: a blank reason, an unknown role. */
    INVALID_REQUEST,
    /** The release asked for is not in the repository. */
    NOT_FOUND,
    /** The request clashes with the repository's state: a version not above the last. */
    CONFLICT,
    /** The publisher cannot do it: a missing key, a damaged repository, a file it cannot write. */
    FAILED
  }

  private final Kind kind;

  public PublishException(String message) {
    this(Kind.FAILED, message);
  }

  public PublishException(String message, Throwable cause) {
    super(message, cause);
    this.kind = Kind.FAILED;
  }

  public PublishException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
