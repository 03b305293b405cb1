package dev.alize.publisher.tls;

/** The server's certificate or key cannot be read, written or used; the message says which. */
public final class TlsException extends RuntimeException {

  public TlsException(String message) {
    super(message);
  }

  public TlsException(String message, Throwable cause) {
    super(message, cause);
  }
}
