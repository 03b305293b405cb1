package dev.alize.consumer.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers a body over the API's limit 413, in the API's form. */
@Singleton
@Replaces(ContentLengthExceededHandler.class)
final class RequestTooLargeHandler
    implements ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> {

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, ContentLengthExceededException e) {
    return ApiErrors.response(
        HttpStatus.REQUEST_ENTITY_TOO_LARGE,
        "the request body is larger than the API accepts ("
            + AdminApiServer.MAX_BODY_BYTES
            + " bytes)");
  }
}
