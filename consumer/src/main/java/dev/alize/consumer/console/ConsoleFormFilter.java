package dev.alize.consumer.console;

import dev.alize.common.web.WebSession;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.form.FormUrlEncodedDecoder;
import java.util.Optional;

/**
 * Refuses a console form that does not carry its session's form token, before anything acts on it:
 * a page of another site cannot read the token, so it cannot make a signed-in admin's browser post
 * a form that changes something. Signing in is refused too when the browser says the form came from
 * another site, so that no site can sign a browser in as someone else.
 */
@ServerFilter(
    value = {ConsoleSessions.PATH + "/**"},
    methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
final class ConsoleFormFilter implements Ordered {

  /** The name of the form field that carries the session's form token. */
  static final String FIELD = "csrf";

  private final ConsoleSessions sessions;
  private final FormUrlEncodedDecoder forms;

  ConsoleFormFilter(ConsoleSessions sessions, FormUrlEncodedDecoder forms) {
    this.sessions = sessions;
    this.forms = forms;
  }

  /**
   * The refusal of the request, or null to let it through. The body is bound rather than parsed by
   * a future: the filter then runs once the whole body has arrived, and answers at once, for a
   * filter whose future completed later sometimes left the request without any answer but a bare
   * 503.
   */
  @RequestFilter
  @Nullable
  HttpResponse<?> filter(HttpRequest<?> request, @Nullable @Body String body) {
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
          "the console takes its forms as application/x-www-form-urlencoded");
    }
    if (signingIn) {
      return null;
    }
    Object token =
        body == null ? null : forms.decode(body, request.getCharacterEncoding()).get(FIELD);
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
    return HttpResponse.status(status).body(ConsoleViews.refusal(message));
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.before();
  }
}
