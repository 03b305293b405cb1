package dev.alize.consumer.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import jakarta.inject.Singleton;

/** Answers 400 a request without the body its endpoint requires (or with {@code null}). */
@Singleton
final class MissingBodyHandler
    implements ExceptionHandler<UnsatisfiedBodyRouteException, HttpResponse<?>> {

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, UnsatisfiedBodyRouteException e) {
    return ApiErrors.response(
        HttpStatus.BAD_REQUEST, "the request body is required: a JSON object");
  }
}
