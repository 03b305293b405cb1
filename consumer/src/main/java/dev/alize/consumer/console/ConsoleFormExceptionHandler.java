package dev.alize.consumer.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers a refused form 403, in the API's form that the console shows as a page. */
@Singleton
final class ConsoleFormExceptionHandler
    implements ExceptionHandler<ConsoleFormException, HttpResponse<?>> {

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, ConsoleFormException e) {
    return HttpResponse.status(HttpStatus.FORBIDDEN).body(ConsoleViews.refusal(e.getMessage()));
  }
}
