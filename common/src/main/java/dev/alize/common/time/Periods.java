package dev.alize.common.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Periods as operators write them: {@code 365d}, {@code 12h}, {@code 15m}, {@code 45s}, or
 * ISO-8601.
 */
public final class Periods {

  /** What to tell a user who wrote something else. */
  public static final String FORMS = "365d, 12h, 15m, 45s or ISO-8601 such as P7D";

  private Periods() {}

  /** The period, or empty when {@code text} is none of {@link #FORMS}. */
  public static Optional<Duration> find(String text) {
    try {
      if (text.matches("\\d{1,12}[dhms]")) {
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return Optional.of(
            switch (text.charAt(text.length() - 1)) {
              case 'd' -> Duration.ofDays(n);
              case 'h' -> Duration.ofHours(n);
              case 'm' -> Duration.ofMinutes(n);
              default -> Duration.ofSeconds(n);
            });
      }
      return Optional.of(Duration.parse(text));
    } catch (DateTimeParseException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /** A period as operators write it: {@code 3d}, {@code 12h}, {@code 15m} or {@code 45s}. */
  public static String format(Duration period) {
    long seconds = period.getSeconds();
    if (seconds % 86_400 == 0 && seconds > 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3_600 == 0 && seconds > 0) {
      return seconds / 3_600 + "h";
    }
    if (seconds % 60 == 0 && seconds > 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
