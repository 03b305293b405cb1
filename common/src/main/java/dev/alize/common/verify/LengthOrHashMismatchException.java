package dev.alize.common.verify;

/** Bytes that differ from the length or hash a signed role vouched for. */
public final class LengthOrHashMismatchException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  public LengthOrHashMismatchException(String role, String message) {
    super(role, message);
  }
}
