package dev.alize.consumer.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Answers 400 a request whose body could not be bound to what the endpoint takes (see {@link
 * BodyReadErrors}), or whose other argument could not be converted.
 */
@Singleton
@Replaces(ConversionErrorHandler.class)
final class BodyBindingHandler
    implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, ConversionErrorException e) {
    ApiException refused =
        BodyReadErrors.find(e)
            .map(BodyReadErrors::explain)
            .orElseGet(
                () ->
                    ApiException.badRequest(
                        e.getArgument().getName() + ": " + ApiParameters.shorten(e.getMessage())));
    return ApiErrors.response(refused.status(), refused.getMessage(), refused.problems());
  }
}
