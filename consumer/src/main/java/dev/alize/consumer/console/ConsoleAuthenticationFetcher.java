package dev.alize.consumer.console;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Who signed in to the console, from its session cookie. The cookie counts on the console's paths
 * only: the API takes bearer tokens and nothing a browser sends by itself, so that no other site
 * can make a browser act through it.
 */
@Singleton
final class ConsoleAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

  /** The attribute of the {@link Authentication} that holds the session's form token. */
  static final String FORM_TOKEN = "formToken";

  private final ConsoleSessions sessions;

  ConsoleAuthenticationFetcher(ConsoleSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
    if (!ConsoleSessions.isConsole(request)) {
      return Publishers.empty();
    }
    return sessions
        .of(request)
        .map(s -> Authentication.build(s.who(), Map.of(FORM_TOKEN, s.formToken())))
        .map(Publishers::just)
        .orElseGet(Publishers::empty);
  }
}
