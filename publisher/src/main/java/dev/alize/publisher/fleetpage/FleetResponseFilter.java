package dev.alize.publisher.fleetpage;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every answer of the fleet page carries: headers that keep its pages out of other sites'
 * frames and caches and forbid any script, and any style or font from elsewhere (its charts are SVG
 * markup in the page, which needs neither); a refused or failed request shown as a page; and a
 * request without a session sent to the sign-in page.
 */
@ServerFilter({FleetSessions.PATH, FleetSessions.PATH + "/**"})
final class FleetResponseFilter implements Ordered {

  static final String POLICY =
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
          + " frame-ancestors 'none'; base-uri 'none'";

  private final FleetViews views;

  FleetResponseFilter(FleetViews views) {
    this.views = views;
  }

  @ResponseFilter
  void respond(HttpRequest<?> request, MutableHttpResponse<?> response) {
    response.header("Content-Security-Policy", POLICY);
    response.header("X-Content-Type-Options", "nosniff");
    response.header("X-Frame-Options", "DENY");
    // Not no-referrer: a browser would then send its forms with "Origin: null".
    response.header("Referrer-Policy", "same-origin");
    if (!request.getPath().startsWith(FleetAssetsController.PATH)) {
      response.header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
    int status = response.code();
    if (status == HttpStatus.UNAUTHORIZED.getCode()) {
      boolean ended = request.getCookies().findCookie(FleetSessions.COOKIE).isPresent();
      response.status(HttpStatus.SEE_OTHER);
      response.header(
          HttpHeaders.LOCATION, SignInController.SIGN_IN + (ended ? "?ended=true" : ""));
      response.getHeaders().remove(HttpHeaders.WWW_AUTHENTICATE);
      if (ended) {
        response.cookie(FleetSessions.cleared(request));
      }
      html(response, "");
    } else if (status >= 400) {
      Object body = response.getBody().orElse(null);
      String error = null;
      List<String> problems = new ArrayList<>();
      // Refusals come as {"error": ..., "problems": [...]}: a map from this page's own filters,
      // JSON from the API's handlers (security's, for one).
      if (body instanceof Map<?, ?> map && map.get("error") instanceof String e) {
        error = e;
        if (map.get("problems") instanceof List<?> list) {
          list.forEach(p -> problems.add(String.valueOf(p)));
        }
      } else if (body instanceof JsonNode json && json.path("error").isTextual()) {
        error = json.path("error").asText();
        json.path("problems").forEach(p -> problems.add(p.path("message").asText(p.toString())));
      } else if (body == null) {
        error = response.reason();
      }
      if (error != null) {
        html(response, views.error(request, status, response.reason(), error, problems));
      }
    }
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
