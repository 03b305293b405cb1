package dev.alize.publisher.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One kind of HTTP date header, formatted as Micronaut's {@code MutableHttpHeaders.date} formats it
 * (RFC 1123, GMT, whole seconds), the last one remembered: under load, most responses carry the
 * same second, and formatting a date cost about 1% of a metadata request.
 */
final class HttpDates {

  private static final ZoneId GMT = ZoneId.of("GMT");

  private record Formatted(long epochSecond, String text) {}

  private volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

  /** The date of {@code epochMillis}, its milliseconds dropped as the header format does. */
  String format(long epochMillis) {
    long second = Math.floorDiv(epochMillis, 1000L);
    Formatted formatted = last;
    if (formatted.epochSecond() != second) {
      formatted =
          new Formatted(
              second,
              DateTimeFormatter.RFC_1123_DATE_TIME.format(
                  Instant.ofEpochSecond(second).atZone(GMT)));
      last = formatted;
    }
    return formatted.text();
  }

  /**
   * The instant of a request's date header, read as Micronaut's {@code HttpHeaders.findDate} reads
   * it (RFC 1123, taken as GMT); empty when {@code text} is null or no such date.
   */
  static Optional<Instant> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          LocalDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).atZone(GMT).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
