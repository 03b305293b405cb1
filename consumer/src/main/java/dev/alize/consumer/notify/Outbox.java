package dev.alize.consumer.notify;

import dev.alize.consumer.store.UtcTimestamp;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Writes notifications into {@code notification_outbox} inside the import's own transaction: they
 * exist exactly when the import committed, and {@link OutboxDispatcher} delivers them afterwards.
 */
@Singleton
public final class Outbox {

  private final List<String> channels;
  private final OutboxRepository rows;

  public Outbox(NotificationSettings settings, OutboxRepository rows) {
    this.channels = settings.channels();
    this.rows = rows;
  }

  /**
   * Adds one row per configured channel ({@code log} always), due at once. Neither commits nor
   * rolls back: that is the caller's transaction.
   */
  public void add(ImportNotice notice, Instant now) {
    Objects.requireNonNull(notice, "notice");
    String json = notice.toJson();
    String at = UtcTimestamp.of(timestamp(now));
    for (String channel : channels) {
      rows.insert(channel, json, at);
    }
  }

  /**
   * The outbox's times are to the millisecond, so that a value read back compares equal to the one
   * written, on H2 and PostgreSQL alike.
   */
  static Instant timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }
}
