package dev.alize.common.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sessions of a web console, in memory: a restart signs everyone out, which is what a person
 * expects of a server that has been replaced. A session ends after {@link #IDLE} without a request
 * or {@link #MAX_AGE} after it began, whichever comes first; the oldest sessions make room when
 * {@link #MAX_SESSIONS} are open, so that signing in in a loop cannot exhaust the memory.
 */
public final class WebSessions {

  /** How long a session lasts without a request. */
  public static final Duration IDLE = Duration.ofMinutes(30);

  /** How long a session lasts at most. */
  public static final Duration MAX_AGE = Duration.ofHours(12);

  /** How many sessions are kept at once. */
  public static final int MAX_SESSIONS = 10_000;

  private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  // In order of last use: the first is the one to drop when full.
  private final LinkedHashMap<String, WebSession> sessions = new LinkedHashMap<>(16, 0.75f, true);

  public WebSessions(Clock clock) {
    this.clock = clock;
  }

  /** A new session for {@code who}, the name of the token just presented, with its scope. */
  public synchronized WebSession open(String who, Object scope) {
    Instant now = clock.instant();
    dropExpired(now);
    while (sessions.size() >= MAX_SESSIONS) {
      Iterator<Map.Entry<String, WebSession>> oldest = sessions.entrySet().iterator();
      oldest.next();
      oldest.remove();
    }
    WebSession session = new WebSession(randomText(), who, randomText(), now, now, scope);
    sessions.put(session.id(), session);
    return session;
  }

  /** The session whose cookie is {@code id}, still open, now marked as used. */
  public synchronized Optional<WebSession> use(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    WebSession found = sessions.get(id);
    if (found == null) {
      return Optional.empty();
    }
    if (found.expiredAt(now)) {
      sessions.remove(id);
      return Optional.empty();
    }
    WebSession used = found.usedAt(now);
    sessions.put(id, used);
    return Optional.of(used);
  }

  /** Ends the session {@code id}, as signing out does; nothing when there is none. */
  public synchronized void close(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  /** How many sessions are open now. */
  public synchronized int size() {
    dropExpired(clock.instant());
    return sessions.size();
  }

  private void dropExpired(Instant now) {
    sessions.values().removeIf(s -> s.expiredAt(now));
  }

  private String randomText() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return TEXT.encodeToString(bytes);
  }
}
