package dev.alize.publisher.fleetpage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Refuses, before anything reads it, a form of the fleet page that a browser says comes from
 * another site, or that is not sent as a form. The session's form token is checked by the action
 * itself, which reads the form once: a filter reading it too made Micronaut answer some requests
 * 503.
 */
@ServerFilter(
    value = {FleetSessions.PATH + "/**"},
    methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
final class FleetFormFilter implements Ordered {

  /** The name of the form field that carries the session's form token. */
  static final String FIELD = "csrf";

  private final FleetSessions sessions;

  FleetFormFilter(FleetSessions sessions) {
    this.sessions = sessions;
  }

  /** The refusal of the request, or null to let it through. */
  @RequestFilter
  @Nullable
  HttpResponse<?> check(HttpRequest<?> request) {
    if (crossSite(request)) {
      return refuse(HttpStatus.FORBIDDEN, "this form was sent from another site");
    }
    boolean signingIn = request.getPath().equals(SignInController.SIGN_IN);
    if (!signingIn && sessions.of(request).isEmpty()) {
      // Security sends the browser to the sign-in page, whatever the form holds.
      return null;
    }
    boolean isForm =
        request
            .getContentType()
            .map(t -> t.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE))
            .orElse(false);
    if (!isForm) {
      return refuse(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "the fleet page takes its forms as application/x-www-form-urlencoded");
    }
    return null;
  }

  /** Whether the browser says the request came from a page of another site. */
  private static boolean crossSite(HttpRequest<?> request) {
    return request
        .getHeaders()
        .get("Sec-Fetch-Site", String.class)
        .map("cross-site"::equalsIgnoreCase)
        .orElse(false);
  }

  private static HttpResponse<?> refuse(HttpStatus status, String message) {
    return HttpResponse.status(status).body(FleetViews.refusal(message));
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.before();
  }
}
