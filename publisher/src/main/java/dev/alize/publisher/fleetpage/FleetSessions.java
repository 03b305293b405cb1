package dev.alize.publisher.fleetpage;

import dev.alize.common.web.SignInThrottle;
import dev.alize.common.web.WebSession;
import dev.alize.common.web.WebSessions;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/**
 * The fleet page's sessions and its sign-in throttle, and the cookie that carries a session: {@code
 * HttpOnly} so that no script reads it, {@code SameSite=Strict} so that no other site's page sends
 * it, {@code Secure} (serve speaks only HTTPS), and scoped to the fleet page's paths so that the
 * API and the repository never see it. A session's scope is the datasources of the token that
 * opened it.
 */
@Singleton
public final class FleetSessions {

  /** The session cookie's name. */
  public static final String COOKIE = "alize-fleet";

  /** Where the fleet page is. */
  public static final String PATH = "/fleet";

  private final WebSessions sessions;
  private final SignInThrottle throttle;

  FleetSessions(Clock clock) {
    this.sessions = new WebSessions(clock);
    this.throttle = new SignInThrottle(clock);
  }

  WebSessions sessions() {
    return sessions;
  }

  SignInThrottle throttle() {
    return throttle;
  }

  /** The open session the request's cookie names, marked as used. */
  Optional<WebSession> of(HttpRequest<?> request) {
    return request.getCookies().findCookie(COOKIE).flatMap(c -> sessions.use(c.getValue()));
  }

  /** The cookie that carries {@code session}. */
  static Cookie cookie(WebSession session, HttpRequest<?> request) {
    return base(session.id(), request);
  }

  /** The cookie that replaces the session's when signing out: empty and already expired. */
  static Cookie cleared(HttpRequest<?> request) {
    return base("", request).maxAge(0);
  }

  private static Cookie base(String value, HttpRequest<?> request) {
    return Cookie.of(COOKIE, value)
        .path(PATH)
        .httpOnly(true)
        .sameSite(SameSite.Strict)
        .secure(request.isSecure());
  }

  /** Whether {@code request} is for the fleet page's pages or assets. */
  static boolean isFleetPage(HttpRequest<?> request) {
    String path = request.getPath();
    return path.equals(PATH) || path.startsWith(PATH + "/");
  }
}
