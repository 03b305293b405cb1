package dev.alize.common.archive;

/**
 * An archive that is refused: malformed, hostile or over a limit.
 *
 * @see #entry()
 */
public final class ArchiveException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String entry;

  public ArchiveException(String entry, String message) {
    super(entry == null ? message : "entry '" + entry + "': " + message);
    this.entry = entry;
  }

  public ArchiveException(String message, Throwable cause) {
    super(message, cause);
    this.entry = null;
  }

  /** The entry at fault, or null when the archive as a whole is. */
  public String entry() {
    return entry;
  }
}
