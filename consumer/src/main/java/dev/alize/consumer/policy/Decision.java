package dev.alize.consumer.policy;

import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.version.SemanticVersion;

/** What to do about one datasource after a refresh: a closed set, each with what to tell. */
public sealed interface Decision
    permits Decision.UpToDate, Decision.Update, Decision.Held, Decision.NothingAvailable {

  String datasource();

  /**
   * The installed version is the newest acceptable one.
   *
   * @param deprecation the publisher's reason when the installed release is deprecated, or null
   */
  record UpToDate(String datasource, SemanticVersion version, String deprecation)
      implements Decision {}

  /**
   * A release to import.
   *
   * @param from the installed version, or null for a first import
   */
  record Update(String datasource, SemanticVersion from, ReleaseFacts release)
      implements Decision {}

  /** A newer release that waits for an admin's approval, and why. */
  record Held(String datasource, SemanticVersion installed, ReleaseFacts release, String reason)
      implements Decision {}

  /** No release of this datasource in the accepted channels. */
  record NothingAvailable(String datasource, String reason) implements Decision {}
}
