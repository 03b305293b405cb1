package dev.alize.publisher.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

/**
 * The body of the errors Micronaut answers itself in JSON (no such path, a method not allowed, a
 * parameter it cannot convert, a media type it does not take), in the API's form rather than
 * Micronaut's, which names its own links and internals.
 */
@Singleton
@Primary
final class ErrorBodyProvider implements JsonErrorResponseBodyProvider<ObjectNode> {

  @Override
  public ObjectNode body(ErrorContext context, HttpResponse<?> response) {
    return ApiErrors.body(
        context.getErrors().stream()
            .map(Error::getMessage)
            .findFirst()
            .orElseGet(response::reason));
  }
}
