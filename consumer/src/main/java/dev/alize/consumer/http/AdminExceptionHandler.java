package dev.alize.consumer.http;

import dev.alize.consumer.admin.AdminException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Answers what the admin service refused: 404 for what does not exist, 400 for what is not valid
 * (each problem naming its field), 409 for what clashes with what is stored.
 */
@Singleton
final class AdminExceptionHandler implements ExceptionHandler<AdminException, HttpResponse<?>> {

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, AdminException e) {
    HttpStatus status =
        switch (e.reason()) {
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case INVALID -> HttpStatus.BAD_REQUEST;
          case CLASH -> HttpStatus.CONFLICT;
        };
    return ApiErrors.response(status, e.headline(), e.problems());
  }
}
