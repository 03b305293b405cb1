package dev.alize.consumer.config;

import dev.alize.common.version.Bump;

/** The largest version bump a repository's releases are imported with, without an admin. */
public enum AutoApprove {
  PATCH(Bump.PATCH),
  MINOR(Bump.MINOR),
  MAJOR(Bump.MAJOR);

  private final Bump bump;

  AutoApprove(Bump bump) {
    this.bump = bump;
  }

  public Bump bump() {
    return bump;
  }
}
