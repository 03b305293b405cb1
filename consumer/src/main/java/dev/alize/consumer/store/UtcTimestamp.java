package dev.alize.consumer.store;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An instant stored as its UTC date and time in a {@code TIMESTAMP} column, so that replicas in
 * other time zones, and the hour repeated or skipped when summer time starts or ends, read it back
 * alike.
 *
 * <p>Both ways go through text ({@code 2026-03-29 02:30:00}), which both databases read and write
 * exactly: a {@link java.sql.Timestamp}, and Micronaut's binding of a {@link LocalDateTime}, pass
 * through the JVM's time zone. Columns are written only by queries, with a parameter from {@link
 * #of} named {@code ...Utc}: a parameter named after an entity's property would be converted by the
 * property's converter a second time.
 */
@Singleton
public final class UtcTimestamp implements AttributeConverter<Instant, String> {

  private static final DateTimeFormatter TEXT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

  @Override
  public String convertToPersistedValue(Instant instant, ConversionContext context) {
    return of(instant);
  }

  @Override
  public Instant convertToEntityValue(String text, ConversionContext context) {
    return text == null
        ? null
        : LocalDateTime.parse(text.strip().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
  }

  /**
   * The text of {@code instant}'s UTC date and time, to microseconds, for a query's parameter
   * written {@code CAST(:nameUtc AS TIMESTAMP)}; null stays null.
   */
  public static String of(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(TEXT);
  }
}
