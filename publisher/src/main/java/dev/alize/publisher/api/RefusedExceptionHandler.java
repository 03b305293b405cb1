package dev.alize.publisher.api;

import dev.alize.publisher.fleet.RefusedException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers a refused enrolment or report with its status, its reason and, at 429, Retry-After. */
@Singleton
final class RefusedExceptionHandler implements ExceptionHandler<RefusedException, HttpResponse<?>> {

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, RefusedException e) {
    MutableHttpResponse<?> response =
        ApiErrors.response(HttpStatus.valueOf(e.reason().status()), e.getMessage());
    if (e.retryAfter() != null) {
      response.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
    }
    return response;
  }
}
