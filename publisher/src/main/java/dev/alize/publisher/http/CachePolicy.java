package dev.alize.publisher.http;

import java.time.Duration;

/** How long clients and caches may keep a repository file without asking again. */
public enum CachePolicy {
  /** Kept, but revalidated on each use: a cheap 304 while it is unchanged. */
  REVALIDATE("no-cache", Duration.ZERO),
  /** Never changes under its name, so kept for a year. */
  IMMUTABLE("public, max-age=31536000, immutable", Duration.ofDays(365));

  private final String cacheControl;
  private final Duration maxAge;

  CachePolicy(String cacheControl, Duration maxAge) {
    this.cacheControl = cacheControl;
    this.maxAge = maxAge;
  }

  public String cacheControl() {
    return cacheControl;
  }

  public Duration maxAge() {
    return maxAge;
  }
}
