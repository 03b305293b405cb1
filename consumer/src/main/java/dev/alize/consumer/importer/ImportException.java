package dev.alize.consumer.importer;

/** A verified release that cannot be imported; the message says what is wrong with it. */
public final class ImportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ImportException(String message) {
    super(message);
  }

  public ImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
