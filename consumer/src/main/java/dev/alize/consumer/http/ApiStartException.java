package dev.alize.consumer.http;

/** The admin API could not start; the message tells the operator why, in one line. */
public final class ApiStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ApiStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
