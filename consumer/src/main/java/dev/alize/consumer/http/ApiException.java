package dev.alize.consumer.http;

import io.micronaut.http.HttpStatus;
import java.util.List;

/**
 * A request the API refuses before it reaches a service: a parameter or a body that is not what the
 * endpoint takes. Each problem names the field at fault.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final List<String> problems;

  ApiException(HttpStatus status, String message, List<String> problems) {
    super(message);
    this.status = status;
    this.problems = List.copyOf(problems);
  }

  static ApiException badRequest(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, message, List.of());
  }

  static ApiException badRequest(String message, List<String> problems) {
    return new ApiException(HttpStatus.BAD_REQUEST, message, problems);
  }

  static ApiException notFound(String message) {
    return new ApiException(HttpStatus.NOT_FOUND, message, List.of());
  }

  HttpStatus status() {
    return status;
  }

  List<String> problems() {
    return problems;
  }
}
