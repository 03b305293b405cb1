package dev.alize.common.tuf;

/** Metadata that does not have the form the TUF specification gives it. */
public final class MetadataFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String role;

  public MetadataFormatException(String role, String message) {
    super(role + " metadata: " + message);
    this.role = role;
  }

  public String role() {
    return role;
  }
}
