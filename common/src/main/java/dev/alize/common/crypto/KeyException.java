package dev.alize.common.crypto;

/** A key that cannot be read, decrypted or used; the message says which and why. */
public final class KeyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KeyException(String message) {
    super(message);
  }

  public KeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
