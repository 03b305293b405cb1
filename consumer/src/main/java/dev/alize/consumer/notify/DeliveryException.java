package dev.alize.consumer.notify;

/** A notification was not delivered; the message says why, for the outbox's last_error. */
public final class DeliveryException extends Exception {
  private static final long serialVersionUID = 1L;

  public DeliveryException(String message) {
    super(message);
  }

  public DeliveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
