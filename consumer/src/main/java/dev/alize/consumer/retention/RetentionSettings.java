package dev.alize.consumer.retention;

import dev.alize.common.time.Periods;
import dev.alize.consumer.config.ConfigurationException;
import java.time.Duration;
import java.util.Objects;

/** The retention periods, checked: each is longer than zero. */
public record RetentionSettings(
    Duration syncHistory,
    Duration importHistory,
    Duration notifications,
    Duration archives,
    Duration pruneInterval) {

  static final String PREFIX = "alize.consumer.retention.";

  public RetentionSettings {
    positive("sync-history", syncHistory);
    positive("import-history", importHistory);
    positive("notifications", notifications);
    positive("archives", archives);
    positive("prune-interval", pruneInterval);
  }

  /**
   * @throws ConfigurationException naming the key whose period is not longer than zero
   */
  public static RetentionSettings from(RetentionProperties p) {
    return new RetentionSettings(
        p.syncHistory(), p.importHistory(), p.notifications(), p.archives(), p.pruneInterval());
  }

  private static void positive(String key, Duration period) {
    Objects.requireNonNull(period, key);
    if (period.isNegative() || period.isZero()) {
      throw new ConfigurationException(
          PREFIX + key + ": write a period longer than zero: " + Periods.FORMS);
    }
  }
}
