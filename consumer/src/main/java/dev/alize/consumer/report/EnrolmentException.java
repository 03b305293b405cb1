package dev.alize.consumer.report;

/** An enrolment that did not happen: the message says what the publisher answered, or why not. */
public final class EnrolmentException extends RuntimeException {

  public EnrolmentException(String message) {
    super(message);
  }
}
