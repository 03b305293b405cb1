package dev.alize.publisher.fleetpage;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.HtmlErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The page of an error Micronaut answers itself to a browser (no such page, a method not allowed, a
 * parameter it cannot convert): the fleet page's error page, with the words the API would use.
 */
@Singleton
@Primary
final class FleetHtmlErrorPages implements HtmlErrorResponseBodyProvider {

  private final FleetViews views;

  FleetHtmlErrorPages(FleetViews views) {
    this.views = views;
  }

  @Override
  public String body(ErrorContext context, HttpResponse<?> response) {
    List<String> messages = context.getErrors().stream().map(Error::getMessage).toList();
    String message = messages.isEmpty() ? response.reason() : messages.get(0);
    return views.error(
        context.getRequest(),
        response.code(),
        response.reason(),
        message,
        messages.size() > 1 ? messages.subList(1, messages.size()) : List.of());
  }
}
