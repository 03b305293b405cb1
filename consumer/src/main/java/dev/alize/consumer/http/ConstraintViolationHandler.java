package dev.alize.consumer.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;

/**
 * Answers a body that breaks its constraints 400, with one problem per broken constraint, each
 * naming its field by its path in the JSON body: {@code set.proxy_port}, {@code addServices[0]}.
 */
@Singleton
@Replaces(ConstraintExceptionHandler.class)
final class ConstraintViolationHandler
    implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException e) {
    return ApiErrors.response(
        HttpStatus.BAD_REQUEST,
        "the request body is not valid",
        e.getConstraintViolations().stream()
            .map(v -> jsonPath(v) + ": " + v.getMessage())
            .sorted()
            .toList());
  }

  /**
   * The path of the value at fault in the body, without the method and parameter it was bound to. A
   * map's key is not repeated: it may be what is too long.
   */
  static String jsonPath(ConstraintViolation<?> violation) {
    StringBuilder path = new StringBuilder();
    for (Path.Node node : violation.getPropertyPath()) {
      switch (node.getKind()) {
        case PROPERTY, BEAN -> {
          if (node.getName() != null) {
            path.append(path.isEmpty() ? "" : ".").append(node.getName());
          }
        }
        case CONTAINER_ELEMENT -> {
          if (node.getIndex() != null) {
            path.append('[').append(node.getIndex()).append(']');
          } else if ("<map key>".equals(node.getName())) {
            path.append(" key");
          } else if (node.getKey() != null) {
            path.append('.').append(ApiParameters.shorten(node.getKey().toString()));
          }
        }
        default -> {
          // The method and its parameter: the body is the root of what the client reads.
        }
      }
    }
    return path.isEmpty() ? "the request body" : path.toString();
  }
}
