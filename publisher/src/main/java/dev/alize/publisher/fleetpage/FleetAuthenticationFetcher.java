package dev.alize.publisher.fleetpage;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import java.util.List;
import org.reactivestreams.Publisher;

/**
 * Who signed in to the fleet page, from its session cookie. The cookie counts on the fleet page's
 * paths only: the API takes bearer tokens and nothing a browser sends by itself, so that no other
 * site can make a browser act through it.
 */
@Singleton
final class FleetAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

  private final FleetSessions sessions;

  FleetAuthenticationFetcher(FleetSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
    if (!FleetSessions.isFleetPage(request)) {
      return Publishers.empty();
    }
    return sessions
        .of(request)
        .map(s -> new Maintainer(s.who(), datasources(s.scope()), s.formToken()).authentication())
        .map(Publishers::just)
        .orElseGet(Publishers::empty);
  }

  private static List<String> datasources(Object scope) {
    return scope instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }
}
