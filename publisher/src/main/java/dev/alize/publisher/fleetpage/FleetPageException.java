package dev.alize.publisher.fleetpage;

import io.micronaut.http.HttpStatus;

/** A request of the fleet page refused, with the status and the message its error page tells. */
final class FleetPageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;

  FleetPageException(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  HttpStatus status() {
    return status;
  }
}
