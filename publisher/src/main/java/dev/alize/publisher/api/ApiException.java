package dev.alize.publisher.api;

import io.micronaut.http.HttpStatus;

/** A request the write API refuses, with the status and the message to answer. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;

  ApiException(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  HttpStatus status() {
    return status;
  }
}
