package dev.alize.common.release;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * When a site takes a release under a rollout plan: as a pilot site at once, in its turn, or only
 * once the plan reaches every site. A halted release is taken by none of them.
 */
public enum RolloutMode {
  /** Pilot sites: every release at once, like the stage-rollout sites of a release workflow. */
  EARLY,
  /** When the site's bucket falls under the plan's current percentage: the default. */
  PHASED,
  /** Only once the plan reaches 100 %. */
  LATE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<RolloutMode> find(String name) {
    return Arrays.stream(values()).filter(m -> m.wireName().equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return wireName();
  }
}
