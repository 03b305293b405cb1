package dev.alize.consumer.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JsonExceptionHandler;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;

/** Answers 400 a request body that is not JSON, saying where it stops being JSON. */
@Singleton
@Replaces(JsonExceptionHandler.class)
final class JsonSyntaxHandler implements ExceptionHandler<JsonSyntaxException, HttpResponse<?>> {

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, JsonSyntaxException e) {
    ApiException refused =
        BodyReadErrors.find(e)
            .map(BodyReadErrors::explain)
            .orElseGet(() -> ApiException.badRequest("the request body is not valid JSON"));
    return ApiErrors.response(refused.status(), refused.getMessage(), refused.problems());
  }
}
