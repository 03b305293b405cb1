package dev.alize.common.verify;

import java.time.Instant;

/** Metadata past its expiry: the repository may be frozen, or replayed from the past. */
public final class ExpiredMetadataException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  private final Instant expires;

  public ExpiredMetadataException(String role, long version, Instant expires) {
    super(
        role,
        "version " + version + " expired at " + expires + " (a frozen or replayed repository)");
    this.expires = expires;
  }

  public Instant expires() {
    return expires;
  }
}
