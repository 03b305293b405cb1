package dev.alize.publisher.fleetpage;

import dev.alize.common.web.SignInThrottle;
import dev.alize.common.web.WebSession;
import dev.alize.publisher.api.ApiToken;
import dev.alize.publisher.api.ApiTokens;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in with a maintainer's API token, which is exchanged for a session cookie and never kept,
 * shown or logged; and signing out. The session reads what the token may: its datasources.
 */
@Controller(FleetSessions.PATH)
final class SignInController {

  static final String SIGN_IN = FleetSessions.PATH + "/sign-in";
  static final String SIGN_OUT = FleetSessions.PATH + "/sign-out";
  private static final String VIEW = "fleet/sign-in";

  private static final Logger LOG = LoggerFactory.getLogger(SignInController.class);

  private final FleetSessions sessions;
  private final ApiTokens tokens;
  private final FleetViews views;

  SignInController(FleetSessions sessions, ApiTokens tokens, FleetViews views) {
    this.sessions = sessions;
    this.tokens = tokens;
    this.views = views;
  }

  @Get(value = "/sign-in", produces = MediaType.TEXT_HTML)
  @Secured(SecurityRule.IS_ANONYMOUS)
  HttpResponse<String> form(
      @Nullable @QueryValue Boolean ended,
      @Nullable @QueryValue("signed-out") Boolean signedOut,
      HttpRequest<?> request) {
    String note = null;
    if (Boolean.TRUE.equals(ended)) {
      note = "Your session has ended: sign in again.";
    } else if (Boolean.TRUE.equals(signedOut)) {
      note = "You are signed out.";
    }
    return views.page(HttpStatus.OK, VIEW, model(note, null), request);
  }

  @Post(value = "/sign-in", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  @Secured(SecurityRule.IS_ANONYMOUS)
  HttpResponse<?> signIn(@Nullable @Body("token") String token, HttpRequest<?> request) {
    String address = address(request);
    Optional<SignInThrottle.Wait> wait = sessions.throttle().waitFor(address);
    if (wait.isPresent()) {
      return views
          .page(HttpStatus.TOO_MANY_REQUESTS, VIEW, model(null, wait.get().message()), request)
          .header(HttpHeaders.RETRY_AFTER, Long.toString(wait.get().seconds()));
    }
    Optional<ApiToken> maintainer =
        token == null || token.isBlank() ? Optional.empty() : tokens.find(token.strip());
    if (maintainer.isEmpty()) {
      sessions.throttle().failed(address);
      LOG.warn("fleet page: a sign-in from {} was refused: not a configured token", address);
      return views.page(
          HttpStatus.FORBIDDEN,
          VIEW,
          model(
              null,
              tokens.isEmpty()
                  ? "No token is configured: run 'publisher new-token --name NAME --datasource"
                      + " DATASOURCE' and add what it prints to the --config file of serve."
                  : "That is not a maintainer's token."),
          request);
    }
    sessions.throttle().succeeded(address);
    WebSession session =
        sessions.sessions().open(maintainer.get().name(), maintainer.get().datasources());
    LOG.info("fleet page: {} signed in from {}", maintainer.get().actor(), address);
    return HttpResponse.seeOther(URI.create(FleetSessions.PATH))
        .cookie(FleetSessions.cookie(session, request));
  }

  @Post(value = "/sign-out", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  @Secured(SecurityRule.IS_AUTHENTICATED)
  HttpResponse<?> signOut(
      @Nullable @Body(FleetFormFilter.FIELD) String csrf, HttpRequest<?> request) {
    boolean ownToken = sessions.of(request).map(s -> s.acceptsForm(csrf)).orElse(false);
    if (!ownToken) {
      throw new FleetPageException(
          HttpStatus.FORBIDDEN,
          "this form has no valid anti-forgery token: reload the page and send the form again");
    }
    request
        .getCookies()
        .findCookie(FleetSessions.COOKIE)
        .ifPresent(c -> sessions.sessions().close(c.getValue()));
    return HttpResponse.seeOther(URI.create(SIGN_IN + "?signed-out=true"))
        .cookie(FleetSessions.cleared(request));
  }

  private static Map<String, Object> model(String note, String error) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("page", FleetPage.anonymous("Sign in"));
    model.put("note", note);
    model.put("error", error);
    return model;
  }

  private static String address(HttpRequest<?> request) {
    InetSocketAddress remote = request.getRemoteAddress();
    return remote.getAddress() != null ? remote.getAddress().getHostAddress() : "unknown";
  }
}
