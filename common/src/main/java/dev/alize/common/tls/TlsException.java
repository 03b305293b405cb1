package dev.alize.common.tls;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The server's certificate or key cannot be read, written or used, or a name cannot be one of a
 * certificate; the message says which, and {@link #file()} which file is at fault, so that a caller
 * can name the setting that gave it.
 */
public final class TlsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public TlsException(String message) {
    this(null, message, null);
  }

  public TlsException(Path file, String message) {
    this(file, message, null);
  }

  public TlsException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
  }

  /** The file or folder at fault; empty for a name, which is no file's. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }
}
