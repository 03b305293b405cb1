package dev.alize.publisher.fleetpage;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers a refused request with its status, in words {@link FleetResponseFilter} shows. */
@Singleton
final class FleetPageExceptionHandler
    implements ExceptionHandler<FleetPageException, HttpResponse<?>> {

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, FleetPageException e) {
    return HttpResponse.status(e.status()).body(FleetViews.refusal(e.getMessage()));
  }
}
