package dev.alize.consumer.notify;

import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.persistence.DatabaseSettings;
import dev.alize.consumer.persistence.OpenDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Test fixtures: a sample notice, fresh databases and the outbox's rows as they are stored. */
final class Notices {

  static final Instant NOW = Instant.parse("2025-03-01T12:30:00Z");

  private Notices() {}

  /** eole 1.0.0 → 2.0.0 with one open conflict of each severity. */
  static ImportNotice sample() {
    return new ImportNotice(
        ImportNotice.IMPORT,
        "upstream",
        "eole",
        "1.0.0",
        "2.0.0",
        new ImportNotice.Counts(2, 1, 3, 5, 1),
        2,
        1,
        List.of(
            new ImportNotice.ConflictLine(
                12,
                "amon-lycee",
                "default-changed",
                "blocking",
                "eole-proxy.port",
                "the upstream default changed from 3128 to 8080 under the override 3130"),
            new ImportNotice.ConflictLine(
                15,
                "scribe-college",
                "release-end-of-support",
                "information",
                "2.8.1",
                "release 2.8.1 reaches its end of support on 2025-06-30"),
            new ImportNotice.ConflictLine(
                14,
                "amon-lycee",
                "service-removed",
                "warning",
                "eole-dhcp",
                "the parent no longer runs eole-dhcp")));
  }

  /** A new, migrated in-memory H2 database. */
  static OpenDatabase h2() {
    return OpenDatabase.open(h2Settings("notify_" + UUID.randomUUID().toString().replace("-", "")));
  }

  static DatabaseSettings h2Settings(String name) {
    return new DatabaseSettings("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  /** One outbox row, times in UTC. */
  record OutboxRow(
      long id,
      String channel,
      String payload,
      int attempts,
      Instant nextAttemptAt,
      Instant deliveredAt,
      String lastError) {}

  static List<OutboxRow> rows(Database db) {
    return db.inTransaction(
        c -> {
          List<OutboxRow> rows = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT id, channel, payload, attempts, next_attempt_at, delivered_at,"
                          + " last_error FROM notification_outbox ORDER BY id");
              ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              LocalDateTime delivered = rs.getObject(6, LocalDateTime.class);
              rows.add(
                  new OutboxRow(
                      rs.getLong(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getInt(4),
                      rs.getObject(5, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                      delivered == null ? null : delivered.toInstant(ZoneOffset.UTC),
                      rs.getString(7)));
            }
          }
          return rows;
        });
  }

  static OutboxRow row(Database db, String channel) {
    return rows(db).stream()
        .filter(r -> r.channel().equals(channel))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + channel + " row in " + rows(db)));
  }

  /** Adds the notice in its own committed transaction. */
  static void commit(Database db, Outbox outbox, ImportNotice notice, Instant at) {
    db.inTransaction(
        c -> {
          outbox.add(notice, at);
          return null;
        });
  }
}
