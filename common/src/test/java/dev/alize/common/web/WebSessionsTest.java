package dev.alize.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebSessionsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
  private final WebSessions sessions = new WebSessions(clock);

  @Test
  void aSessionIsFoundByItsCookieAndSaysWhoSignedIn() {
    WebSession opened = sessions.open("alice", "scope");

    WebSession found = sessions.use(opened.id()).orElseThrow();

    assertEquals("alice", found.who());
    assertEquals("scope", found.scope());
    assertTrue(found.acceptsForm(opened.formToken()));
  }

  @Test
  void cookiesAndFormTokensAreLongRandomAndDistinct() {
    WebSession a = sessions.open("alice", null);
    WebSession b = sessions.open("alice", null);

    assertNotEquals(a.id(), b.id());
    assertNotEquals(a.formToken(), b.formToken());
    assertNotEquals(a.id(), a.formToken());
    assertEquals(43, a.id().length(), "256 bits in unpadded base64url");
  }

  @Test
  void anotherSessionsFormTokenOrNoneIsRefused() {
    WebSession a = sessions.open("alice", null);
    WebSession b = sessions.open("bob", null);

    assertFalse(a.acceptsForm(b.formToken()));
    assertFalse(a.acceptsForm(null));
    assertFalse(a.acceptsForm(""));
    assertFalse(a.acceptsForm(a.formToken() + "x"));
  }

  @Test
  void anUnknownCookieFindsNothing() {
    sessions.open("alice", null);

    assertTrue(sessions.use("forged").isEmpty());
    assertTrue(sessions.use(null).isEmpty());
  }

  @Test
  void aSessionLeftIdleEnds() {
    WebSession opened = sessions.open("alice", null);
    clock.advance(WebSessions.IDLE.minusSeconds(1));
    assertTrue(sessions.use(opened.id()).isPresent(), "used just before it would end");

    clock.advance(WebSessions.IDLE.minusSeconds(1));
    assertTrue(sessions.use(opened.id()).isPresent(), "each request keeps it open");

    clock.advance(WebSessions.IDLE);
    assertTrue(sessions.use(opened.id()).isEmpty());
  }

  @Test
  void aSessionInUseStillEndsAtItsMaximumAge() {
    WebSession opened = sessions.open("alice", null);
    Duration step = WebSessions.IDLE.dividedBy(2);
    for (Duration used = Duration.ZERO;
        used.plus(step).compareTo(WebSessions.MAX_AGE) < 0;
        used = used.plus(step)) {
      clock.advance(step);
      assertTrue(sessions.use(opened.id()).isPresent());
    }
    clock.advance(step);

    assertTrue(sessions.use(opened.id()).isEmpty());
  }

  @Test
  void signingOutEndsTheSession() {
    WebSession opened = sessions.open("alice", null);

    sessions.close(opened.id());

    assertTrue(sessions.use(opened.id()).isEmpty());
    assertEquals(0, sessions.size());
  }

  @Test
  void theOldestSessionsMakeRoomWhenFull() {
    WebSession first = sessions.open("first", null);
    for (int i = 1; i < WebSessions.MAX_SESSIONS; i++) {
      sessions.open("n" + i, null);
    }
    WebSession last = sessions.open("last", null);

    assertEquals(WebSessions.MAX_SESSIONS, sessions.size());
    assertTrue(sessions.use(first.id()).isEmpty());
    assertTrue(sessions.use(last.id()).isPresent());
  }
}
