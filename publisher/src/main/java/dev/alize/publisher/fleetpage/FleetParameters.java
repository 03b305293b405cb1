package dev.alize.publisher.fleetpage;

import dev.alize.common.datasource.Names;
import dev.alize.common.time.Periods;
import dev.alize.common.version.SemanticVersion;
import io.micronaut.http.HttpStatus;
import java.time.Duration;

/** The fleet page's path and query parameters, checked; each refusal says why. */
final class FleetParameters {

  /** When a site that has not reported is not seen lately, unless {@code stale=} says. */
  static final Duration DEFAULT_STALE = Duration.ofDays(1);

  /** The longest {@code stale=}: longer than any fleet has run, and within what a clock counts. */
  static final Duration MAX_STALE = Duration.ofDays(3650);

  /** The longest text looked up as a site: a label has at most 100 characters. */
  static final int MAX_SITE = 100;

  private FleetParameters() {}

  /** The datasource {@code name}, which {@code reader} may read. */
  static String datasource(String name, Maintainer reader) {
    Names.DATASOURCE
        .check(name)
        .ifPresent(
            problem -> {
              throw new FleetPageException(HttpStatus.BAD_REQUEST, problem);
            });
    if (!reader.reads(name)) {
      // The same words whether the datasource exists or not.
      throw new FleetPageException(
          HttpStatus.FORBIDDEN,
          "token "
              + reader.name()
              + " may not read the statistics of datasource "
              + name
              + ": it reads "
              + String.join(", ", reader.datasources()));
    }
    return name;
  }

  static String version(String text) {
    return SemanticVersion.find(text)
        .map(SemanticVersion::toString)
        .orElseThrow(
            () ->
                new FleetPageException(
                    HttpStatus.BAD_REQUEST,
                    "'" + text + "' is not a version: write MAJOR.MINOR.PATCH, as 1.4.0"));
  }

  /** The period after which a site is not seen lately: {@link #DEFAULT_STALE} when not given. */
  static Duration stale(String text) {
    if (text == null || text.isEmpty()) {
      return DEFAULT_STALE;
    }
    return Periods.find(text)
        .filter(d -> !d.isNegative() && d.compareTo(MAX_STALE) <= 0)
        .orElseThrow(
            () ->
                new FleetPageException(
                    HttpStatus.BAD_REQUEST,
                    "stale= must be a period from 0s to "
                        + MAX_STALE.toDays()
                        + "d: "
                        + Periods.FORMS));
  }

  /** A site's identity or label, as given; too long a text names no site. */
  static String site(String text) {
    if (text.length() > MAX_SITE) {
      throw new FleetPageException(
          HttpStatus.NOT_FOUND, "no site has an identity or label that long");
    }
    return text;
  }
}
