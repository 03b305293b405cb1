package dev.alize.publisher.api;

import dev.alize.publisher.repository.PublishException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a refused publishing action by whose fault it is: 400, 404 or 409 with the editor's
 * message; the publisher's own failures (a missing key, a damaged repository) are logged for the
 * operator and answered 500 without details, which name server paths.
 */
@Singleton
final class PublishExceptionHandler implements ExceptionHandler<PublishException, HttpResponse<?>> {

  private static final Logger LOG = LoggerFactory.getLogger(PublishExceptionHandler.class);

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, PublishException e) {
    HttpStatus status =
        switch (e.kind()) {
          case INVALID_REQUEST -> HttpStatus.BAD_REQUEST;
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case CONFLICT -> HttpStatus.CONFLICT;
          case FAILED -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
      LOG.error("{} {} failed: {}", request.getMethodName(), request.getPath(), e.getMessage(), e);
      return ApiErrors.response(
          status,
          "the publisher could not complete the change; its operator will find why in its log");
    }
    return ApiErrors.response(status, e.getMessage());
  }
}
