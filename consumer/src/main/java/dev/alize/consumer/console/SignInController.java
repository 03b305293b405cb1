package dev.alize.consumer.console;

import dev.alize.common.token.ConfiguredToken;
import dev.alize.common.web.SignInThrottle;
import dev.alize.common.web.WebSession;
import dev.alize.consumer.http.AdminTokens;
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
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in with an admin's token, which is exchanged for a session cookie and never kept, shown
 * or logged; and signing out.
 */
@Controller(ConsoleSessions.PATH)
final class SignInController {

  static final String SIGN_IN = ConsoleSessions.PATH + "/sign-in";
  static final String SIGN_OUT = ConsoleSessions.PATH + "/sign-out";
  private static final String VIEW = "console/sign-in";

  private static final Logger LOG = LoggerFactory.getLogger(SignInController.class);

  private final ConsoleSessions sessions;
  private final AdminTokens admins;
  private final ConsoleViews views;

  SignInController(ConsoleSessions sessions, AdminTokens admins, ConsoleViews views) {
    this.sessions = sessions;
    this.admins = admins;
    this.views = views;
  }

  @Get("/sign-in")
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
    Optional<ConfiguredToken> admin =
        token == null || token.isBlank() ? Optional.empty() : admins.find(token.strip());
    if (admin.isEmpty()) {
      sessions.throttle().failed(address);
      LOG.warn("console: a sign-in from {} was refused: not an admin's token", address);
      return views.page(
          HttpStatus.FORBIDDEN,
          VIEW,
          model(
              null,
              admins.isEmpty()
                  ? "No admin is configured: run 'consumer new-token NAME' and add the line it"
                      + " prints to the configuration file."
                  : "That is not an admin's token."),
          request);
    }
    sessions.throttle().succeeded(address);
    WebSession session = sessions.sessions().open(admin.get().name(), null);
    LOG.info("console: {} signed in from {}", admin.get().name(), address);
    return HttpResponse.seeOther(URI.create(ConsoleSessions.PATH))
        .cookie(ConsoleSessions.cookie(session, request));
  }

  @Post(value = "/sign-out", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  @Secured(SecurityRule.IS_AUTHENTICATED)
  HttpResponse<?> signOut(
      @Nullable @Body(ConsoleForms.FIELD) String csrf, HttpRequest<?> request, Authentication by) {
    ConsoleForms.check(by, csrf);
    request
        .getCookies()
        .findCookie(ConsoleSessions.COOKIE)
        .ifPresent(c -> sessions.sessions().close(c.getValue()));
    return HttpResponse.seeOther(URI.create(SIGN_IN + "?signed-out=true"))
        .cookie(ConsoleSessions.cleared(request));
  }

  private static Map<String, Object> model(String note, String error) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("page", ConsolePage.anonymous("Sign in"));
    model.put("note", note);
    model.put("error", error);
    return model;
  }

  private static String address(HttpRequest<?> request) {
    InetSocketAddress remote = request.getRemoteAddress();
    return remote.getAddress() != null ? remote.getAddress().getHostAddress() : "unknown";
  }
}
