package dev.alize.consumer.console;

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
 * The console's sessions and its sign-in throttle, and the cookie that carries a session: {@code
 * HttpOnly} so that no script reads it, {@code SameSite=Strict} so that no other site's page sends
 * it, {@code Secure} over HTTPS, and scoped to the console's paths so that the API never sees it.
 */
@Singleton
public final class ConsoleSessions {

  /** The session cookie's name. */
  public static final String COOKIE = "alize-console";

  /** Where the console is. */
  public static final String PATH = "/console";

  private final WebSessions sessions;
  private final SignInThrottle throttle;

  ConsoleSessions(Clock clock) {
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

  /** Whether {@code request} is for the console's pages or assets. */
  static boolean isConsole(HttpRequest<?> request) {
    String path = request.getPath();
    return path.equals(PATH) || path.startsWith(PATH + "/");
  }
}
