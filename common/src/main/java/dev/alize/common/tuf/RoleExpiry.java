package dev.alize.common.tuf;

import java.time.Duration;
import java.time.Instant;

/**
 * When one role's metadata expires, with what names it in a warning: its version and its file.
 *
 * @param file the file as the reader knows it, such as {@code metadata/3.root.json}
 */
public record RoleExpiry(String role, long version, String file, Instant expires) {

  public static RoleExpiry of(String file, Signed signed) {
    return new RoleExpiry(signed.type(), signed.version(), file, signed.expires());
  }

  public boolean isExpired(Instant now) {
    return !now.isBefore(expires);
  }

  /** Whether it has expired by {@code deadline}, or will have. */
  public boolean expiresBy(Instant deadline) {
    return !deadline.isBefore(expires);
  }

  /** {@code root version 3 (metadata/3.root.json) expires on 2031-01-01T00:00:00Z}. */
  public String describe(Instant now) {
    return role
        + " version "
        + version
        + " ("
        + file
        + ") "
        + (isExpired(now) ? "expired on " : "expires on ")
        + TufTime.format(expires);
  }

  /** Whole days left before it expires, negative once it has. */
  public long daysLeft(Instant now) {
    return Duration.between(now, expires).toDays();
  }
}
