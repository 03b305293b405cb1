package dev.alize.common.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * A signed-in person's session of a web console.
 *
 * @param id the value of the session cookie: 256 random bits, never logged
 * @param who the admin or maintainer, recorded as the author of every change made through it
 * @param formToken the token every form of the session carries against cross-site forgery
 * @param started when the person signed in: the session ends {@link WebSessions#MAX_AGE} later
 * @param lastUsed when a page was last asked for: the session ends {@link WebSessions#IDLE} later
 * @param scope what the session may see, as the token that opened it (a maintainer's datasources)
 */
public record WebSession(
    String id, String who, String formToken, Instant started, Instant lastUsed, Object scope) {

  /** Whether {@code presented}, a form's token, is this session's, compared in constant time. */
  public boolean acceptsForm(String presented) {
    return presented != null
        && MessageDigest.isEqual(
            formToken.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  WebSession usedAt(Instant now) {
    return new WebSession(id, who, formToken, started, now, scope);
  }

  boolean expiredAt(Instant now) {
    return !now.isBefore(started.plus(WebSessions.MAX_AGE))
        || !now.isBefore(lastUsed.plus(WebSessions.IDLE));
  }
}
