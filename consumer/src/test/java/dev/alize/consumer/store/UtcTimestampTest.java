package dev.alize.consumer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alize.consumer.persistence.DatabaseKinds;
import dev.alize.consumer.persistence.OpenDatabase;
import dev.alize.consumer.persistence.TestDatabases;
import java.time.Instant;
import java.util.TimeZone;

/** Instants read back as written, whatever the time zone of the JVM that wrote or reads them. */
class UtcTimestampTest {

  /** 02:30 on the day summer time starts in Paris: a time that does not exist there. */
  private static final Instant IN_PARIS_GAP = Instant.parse("2026-03-29T02:30:00Z");

  /** 01:30 UTC on the day summer time ends in Paris: an hour that happens twice there. */
  private static final Instant IN_PARIS_REPEAT = Instant.parse("2026-10-25T01:30:00Z");

  @DatabaseKinds
  void instantsInAnHourThatDoesNotExistOrRepeatsLocallyReadBackAlike(TestDatabases.Kind kind) {
    TimeZone before = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("Europe/Paris"));
    try (OpenDatabase opened = OpenDatabase.open(TestDatabases.fresh(kind))) {
      ApprovalRepository approvals = opened.bean(ApprovalRepository.class);
      opened
          .database()
          .inTransaction(
              c -> {
                approvals.approve("eole", "2.0.0", "alice", IN_PARIS_GAP);
                approvals.approve("eole", "3.0.0", "bob", IN_PARIS_REPEAT);
                return null;
              });
      assertEquals(
          java.util.List.of(IN_PARIS_GAP, IN_PARIS_REPEAT),
          approvals.list().stream().map(Approval::approvedAt).toList());
    } finally {
      TimeZone.setDefault(before);
    }
  }
}
