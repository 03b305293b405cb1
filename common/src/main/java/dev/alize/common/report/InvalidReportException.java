package dev.alize.common.report;

/** A site report or enrolment that cannot be read: the message names the field at fault. */
public final class InvalidReportException extends RuntimeException {

  public InvalidReportException(String message) {
    super(message);
  }
}
