package dev.alize.publisher.fleetpage;

import dev.alize.common.web.WebSession;
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
import io.micronaut.http.server.filter.FilterBodyParser;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Refuses a form of the fleet page that does not carry its session's form token, before anything
 * acts on it: a page of another site cannot read the token, so it cannot make a signed-in
 * maintainer's browser sign out. Signing in is refused too when the browser says the form came from
 * another site, so that no site can sign a browser in as someone else.
 */
@ServerFilter(
    value = {FleetSessions.PATH + "/**"},
    methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
final class FleetFormFilter implements Ordered {

  /** The name of the form field that carries the session's form token. */
  static final String FIELD = "csrf";

  private final FleetSessions sessions;
  private final FilterBodyParser forms;

  FleetFormFilter(FleetSessions sessions, FilterBodyParser forms) {
    this.sessions = sessions;
    this.forms = forms;
  }

  @RequestFilter
  CompletableFuture<@Nullable HttpResponse<?>> filter(HttpRequest<?> request) {
    // A body that is not a form is told apart below, by its Content-Type.
    return forms
        .parseBody(request)
        .handle((form, failure) -> check(request, failure == null ? form : null));
  }

  /** The refusal of the request, or null to let it through. */
  @Nullable
  private HttpResponse<?> check(HttpRequest<?> request, @Nullable Map<String, Object> form) {
    if (crossSite(request)) {
      return refuse(HttpStatus.FORBIDDEN, "this form was sent from another site");
    }
    boolean signingIn = request.getPath().equals(SignInController.SIGN_IN);
    Optional<WebSession> session = sessions.of(request);
    if (!signingIn && session.isEmpty()) {
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
    if (signingIn) {
      return null;
    }
    Object token = form == null ? null : form.get(FIELD);
    if (!(token instanceof String presented) || !session.get().acceptsForm(presented)) {
      return refuse(
          HttpStatus.FORBIDDEN,
          "this form has no valid anti-forgery token: reload the page and send the form again");
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
