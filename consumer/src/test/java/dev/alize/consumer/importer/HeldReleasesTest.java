package dev.alize.consumer.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alize.consumer.notify.ImportNotice;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.persistence.DatabaseKinds;
import dev.alize.consumer.persistence.OpenDatabase;
import dev.alize.consumer.persistence.TestDatabases;
import dev.alize.consumer.store.HeldRelease;
import dev.alize.consumer.store.HeldReleaseRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A held release is told once, whatever the number of polls, and again only when held anew. */
class HeldReleasesTest {

  private static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");
  private static final String REASON = "MAJOR release 2.0.0 needs an admin's approval";

  private static HeldRelease hold(String version) {
    return new HeldRelease("eole", version, "upstream", "1.4.0", REASON, AT);
  }

  /** The notices queued in the outbox, oldest first. */
  private static List<ImportNotice> notices(Database db) {
    return db.inTransaction(
        c -> {
          List<ImportNotice> out = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement("SELECT payload FROM notification_outbox ORDER BY id");
              ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              out.add(ImportNotice.fromJson(rs.getString(1)));
            }
          }
          return out;
        });
  }

  @DatabaseKinds
  void aHeldReleaseIsToldOnce_andAgainOnlyWhenHeldAnew(TestDatabases.Kind kind) {
    try (OpenDatabase opened = OpenDatabase.open(TestDatabases.fresh(kind))) {
      Database db = opened.database();
      HeldReleases held = opened.bean(HeldReleases.class);
      List<String> decided = List.of("eole", "acme");

      assertEquals(
          List.of(hold("2.0.0")), held.record("upstream", decided, List.of(hold("2.0.0"))));
      for (int poll = 0; poll < 3; poll++) {
        assertEquals(List.of(), held.record("upstream", decided, List.of(hold("2.0.0"))));
      }
      List<ImportNotice> told = notices(db);
      assertEquals(1, told.size(), told::toString);
      ImportNotice notice = told.get(0);
      assertEquals(ImportNotice.HELD, notice.kind());
      assertEquals("1.4.0", notice.fromVersion());
      assertEquals("2.0.0", notice.toVersion());
      assertEquals(REASON, notice.reason());
      assertEquals("Alizé: eole 1.4.0 → 2.0.0 held for an admin's approval", notice.subject());
      assertEquals(1, held.byDatasource().get("eole").size());

      // A newer release held instead is told; the older hold is forgotten.
      assertEquals(
          List.of(hold("3.0.0")), held.record("upstream", decided, List.of(hold("3.0.0"))));
      assertEquals(
          List.of("3.0.0"),
          opened.bean(HeldReleaseRepository.class).of("eole").stream()
              .map(HeldRelease::version)
              .toList());

      // Imported (or no longer held), then held again: told again.
      assertEquals(List.of(), held.record("upstream", decided, List.of()));
      assertEquals(List.of(), opened.bean(HeldReleaseRepository.class).list());
      held.record("upstream", decided, List.of(hold("3.0.0")));
      assertEquals(3, notices(db).size());

      // A sync that did not decide about eole leaves its hold alone.
      held.record("upstream", List.of("acme"), List.of());
      assertEquals(1, opened.bean(HeldReleaseRepository.class).list().size());
    }
  }
}
