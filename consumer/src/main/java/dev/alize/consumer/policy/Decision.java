package dev.alize.consumer.policy;

import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.version.SemanticVersion;
import java.time.Instant;

/** What to do about one datasource after a refresh: a closed set, each with what to tell. */
public sealed interface Decision
    permits Decision.UpToDate,
        Decision.Update,
        Decision.Held,
        Decision.Waiting,
        Decision.NothingAvailable {

  String datasource();

  /**
   * The installed version is the newest acceptable one.
   *
   * @param deprecation the publisher's reason when the installed release is deprecated, or null
   * @param rejection the publisher's reason when the installed release was rejected, or null
   * @param halted why a newer release is not taken: its rollout is halted; null when none is
   */
  record UpToDate(
      String datasource,
      SemanticVersion version,
      String deprecation,
      String rejection,
      String halted)
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

  /**
   * A newer release that this site takes later in its rollout, and why.
   *
   * @param installed null when nothing is installed yet
   * @param expectedFrom when the plan reaches this site, or null when it does not say
   */
  record Waiting(
      String datasource,
      SemanticVersion installed,
      ReleaseFacts release,
      String reason,
      Instant expectedFrom)
      implements Decision {}

  /** No release of this datasource in the accepted channels. */
  record NothingAvailable(String datasource, String reason) implements Decision {}
}
