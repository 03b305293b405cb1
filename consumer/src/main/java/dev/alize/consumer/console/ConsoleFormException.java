package dev.alize.consumer.console;

/** A console form refused before anything acted on it: answered 403 with its message. */
public final class ConsoleFormException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConsoleFormException(String message) {
    super(message);
  }
}
