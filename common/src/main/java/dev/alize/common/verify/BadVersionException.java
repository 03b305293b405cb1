package dev.alize.common.verify;

/** A version other than the one expected: a rollback, a skipped root, or a mix of versions. */
public final class BadVersionException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  private final long expected;
  private final long found;

  /**
   * @param expected the version required, or the lowest acceptable for a rollback
   */
  public BadVersionException(String role, String what, long expected, long found) {
    super(role, what + ": expected " + expected + ", found " + found);
    this.expected = expected;
    this.found = found;
  }

  public long expected() {
    return expected;
  }

  public long found() {
    return found;
  }
}
