package dev.alize.common.config;

import java.nio.file.Path;

/** An operator's configuration file that cannot be read; the message names it and says why. */
public final class ConfigurationFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  ConfigurationFileException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
