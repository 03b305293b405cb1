package dev.alize.publisher.api;

import dev.alize.common.datasource.InvalidDatasourceException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers an invalid datasource 422, with every problem and where it is. */
@Singleton
final class InvalidDatasourceExceptionHandler
    implements ExceptionHandler<InvalidDatasourceException, HttpResponse<?>> {

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, InvalidDatasourceException e) {
    return ApiErrors.response(
        HttpStatus.UNPROCESSABLE_ENTITY,
        ApiErrors.body(
            e.problems().size() + " problem(s); the datasource is not valid, nothing was changed",
            e.problems()));
  }
}
