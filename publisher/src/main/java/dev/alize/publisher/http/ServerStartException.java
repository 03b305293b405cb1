package dev.alize.publisher.http;

/** The HTTPS server could not start; the message tells the operator why, in one line. */
public final class ServerStartException extends RuntimeException {

  public ServerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
