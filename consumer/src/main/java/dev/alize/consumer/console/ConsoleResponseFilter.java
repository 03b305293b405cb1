package dev.alize.consumer.console;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.List;
import java.util.Map;

/**
 * What every answer of the console carries: headers that keep its pages out of other sites' frames
 * and caches and forbid any script, style or font from elsewhere; a refused or failed request shown
 * as a page in the console's words; and a request without a session sent to the sign-in page.
 */
@ServerFilter({ConsoleSessions.PATH, ConsoleSessions.PATH + "/**"})
final class ConsoleResponseFilter implements Ordered {

  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final ConsoleViews views;
  private final ConsoleSessions sessions;

  ConsoleResponseFilter(ConsoleViews views, ConsoleSessions sessions) {
    this.views = views;
    this.sessions = sessions;
  }

  @ResponseFilter
  void respond(HttpRequest<?> request, MutableHttpResponse<?> response) {
    response.header("Content-Security-Policy", POLICY);
    response.header("X-Content-Type-Options", "nosniff");
    response.header("X-Frame-Options", "DENY");
    // Not no-referrer: a browser would then send its forms with "Origin: null", which servers on
    // loopback refuse.
    response.header("Referrer-Policy", "same-origin");
    if (!request.getPath().startsWith(ConsoleAssets.PATH)) {
      response.header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
    int status = response.code();
    // Without a session, nothing under the console is told but the way to sign in: not which
    // pages exist, nor what a form should have held.
    if (status == HttpStatus.UNAUTHORIZED.getCode()
        || (status >= 400 && needsSession(request) && sessions.of(request).isEmpty())) {
      boolean ended = request.getCookies().findCookie(ConsoleSessions.COOKIE).isPresent();
      response.status(HttpStatus.SEE_OTHER);
      response.header(
          HttpHeaders.LOCATION, SignInController.SIGN_IN + (ended ? "?ended=true" : ""));
      response.getHeaders().remove(HttpHeaders.WWW_AUTHENTICATE);
      if (ended) {
        response.cookie(ConsoleSessions.cleared(request));
      }
      html(response, "");
    } else if (status >= 400) {
      Object body = response.getBody().orElse(null);
      if (body instanceof Map<?, ?> map && map.get("error") instanceof String error) {
        List<?> problems = map.get("problems") instanceof List<?> list ? list : List.of();
        html(response, views.error(request, status, response.reason(), error, problems));
      } else if (body == null) {
        String reason = response.reason();
        html(response, views.error(request, status, reason, reason, List.of()));
      }
    }
  }

  private static boolean needsSession(HttpRequest<?> request) {
    String path = request.getPath();
    return !path.equals(SignInController.SIGN_IN) && !path.startsWith(ConsoleAssets.PATH);
  }

  @SuppressWarnings("unchecked")
  private static void html(MutableHttpResponse<?> response, String page) {
    ((MutableHttpResponse<Object>) response).body(page);
    response.contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8");
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.order();
  }
}
