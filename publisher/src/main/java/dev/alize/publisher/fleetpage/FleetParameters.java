package dev.alize.publisher.fleetpage;

import dev.alize.common.datasource.Names;
import dev.alize.common.fleet.StalePeriod;
import dev.alize.common.version.SemanticVersion;
import io.micronaut.http.HttpStatus;
import java.time.Duration;

/** The fleet page's path and query parameters, checked; each refusal says why. */
final class FleetParameters {

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

  /** The period after which a site is not seen lately: a day when not given. */
  static Duration stale(String text) {
    return StalePeriod.find(text)
        .orElseThrow(() -> new FleetPageException(HttpStatus.BAD_REQUEST, StalePeriod.RULE));
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
