package dev.alize.common.fleet;

import java.util.Locale;
import java.util.Optional;

/**
 * When the publisher halts a rollout by itself: once at least {@code minSites} sites took or tried
 * a release, more than {@code maxFailedPercent} of them failed to import it, or more than {@code
 * maxBlockingPercent} of the sites that run it have a blocking conflict open.
 *
 * @param minSites below this many sites, no figure is trusted enough to halt on
 * @param maxFailedPercent 0 to 100
 * @param maxBlockingPercent 0 to 100
 */
public record HaltPolicy(int minSites, double maxFailedPercent, double maxBlockingPercent) {

  /** The default: more than 5 % of at least 10 sites failed, or more than 20 % are blocked. */
  public static final HaltPolicy DEFAULT = new HaltPolicy(10, 5, 20);

  /**
   * One release across the reporting sites.
   *
   * @param tried the sites that installed the release or failed to import it
   * @param failed the sites whose last import of it failed
   * @param installed the sites that run it
   * @param blocked the sites that run it with a blocking conflict open
   */
  public record Figures(int tried, int failed, int installed, int blocked) {}

  public HaltPolicy {
    if (minSites < 1) {
      throw new IllegalArgumentException("min-sites must be at least 1, not " + minSites);
    }
    requirePercent("max-failed-percent", maxFailedPercent);
    requirePercent("max-blocking-percent", maxBlockingPercent);
  }

  private static void requirePercent(String name, double value) {
    if (!(value >= 0 && value <= 100)) {
      throw new IllegalArgumentException(name + " must be from 0 to 100, not " + value);
    }
  }

  /**
   * Why {@code figures} call for a halt, in words for the audit log and the maintainers.
   *
   * @return empty when the rollout may go on
   */
  public Optional<String> breach(Figures figures) {
    if (figures.tried() < minSites) {
      return Optional.empty();
    }
    double failed = percent(figures.failed(), figures.tried());
    if (failed > maxFailedPercent) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "%d of %d sites (%.1f%%) failed to import it, above the policy's %s%%",
              figures.failed(),
              figures.tried(),
              failed,
              shown(maxFailedPercent)));
    }
    if (figures.installed() >= minSites) {
      double blocked = percent(figures.blocked(), figures.installed());
      if (blocked > maxBlockingPercent) {
        return Optional.of(
            String.format(
                Locale.ROOT,
                "%d of %d sites (%.1f%%) that run it have a blocking conflict, above the policy's"
                    + " %s%%",
                figures.blocked(),
                figures.installed(),
                blocked,
                shown(maxBlockingPercent)));
      }
    }
    return Optional.empty();
  }

  private static double percent(int part, int whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }

  private static String shown(double percent) {
    return percent == Math.rint(percent)
        ? Long.toString((long) percent)
        : String.format(Locale.ROOT, "%.1f", percent);
  }

  /** The policy in one line, as the guides write it. */
  public String describe() {
    return "halt when more than "
        + shown(maxFailedPercent)
        + "% of at least "
        + minSites
        + " sites failed, or more than "
        + shown(maxBlockingPercent)
        + "% raised a blocking conflict";
  }
}
