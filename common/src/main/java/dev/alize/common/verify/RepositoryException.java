package dev.alize.common.verify;

/**
 * Metadata from a repository was refused. The root of the failures of verification; each subclass
 * says which role failed and why. Nothing refused is ever trusted or stored.
 */
public class RepositoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String role;

  public RepositoryException(String role, String message) {
    super(role + ": " + message);
    this.role = role;
  }

  public RepositoryException(String role, String message, Throwable cause) {
    super(role + ": " + message, cause);
    this.role = role;
  }

  /** The role whose metadata was refused. */
  public String role() {
    return role;
  }
}
