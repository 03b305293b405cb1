package dev.alize.consumer.http;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * The body of the errors Micronaut answers itself (no such path, method not allowed, a parameter it
 * cannot convert), in the API's form rather than Micronaut's.
 */
@Singleton
@Primary
final class ErrorBodyProvider implements JsonErrorResponseBodyProvider<Map<String, Object>> {

  @Override
  public Map<String, Object> body(ErrorContext context, HttpResponse<?> response) {
    List<String> messages = context.getErrors().stream().map(Error::getMessage).toList();
    String message = messages.isEmpty() ? response.reason() : messages.get(0);
    return ApiErrors.body(
        message, messages.size() > 1 ? messages.subList(1, messages.size()) : List.of());
  }
}
