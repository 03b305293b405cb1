package dev.alize.consumer.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Writes notifications into {@code notification_outbox} inside the import's own transaction: they
 * exist exactly when the import committed, and {@link OutboxDispatcher} delivers them afterwards.
 */
public final class Outbox {

  private static final String INSERT =
      "INSERT INTO notification_outbox (channel, payload, created_at, attempts, next_attempt_at)"
          + " VALUES (?, ?, ?, 0, ?)";

  private final List<String> channels;

  public Outbox(NotificationSettings settings) {
    this.channels = settings.channels();
  }

  /**
   * Adds one row per configured channel ({@code log} always), due at once. Neither commits nor
   * rolls back: that is the caller's transaction.
   */
  public void add(Connection c, ImportNotice notice, Instant now) throws SQLException {
    Objects.requireNonNull(notice, "notice");
    String json = notice.toJson();
    LocalDateTime at = timestamp(now);
    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
      for (String channel : channels) {
        insert.setString(1, channel);
        insert.setString(2, json);
        insert.setObject(3, at);
        insert.setObject(4, at);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * The outbox's times are UTC, to the millisecond, so that a value read back compares equal to the
   * one written, on H2 and PostgreSQL alike.
   */
  static LocalDateTime timestamp(Instant instant) {
    return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
  }

  static Instant instant(LocalDateTime timestamp) {
    return timestamp.toInstant(ZoneOffset.UTC);
  }
}
