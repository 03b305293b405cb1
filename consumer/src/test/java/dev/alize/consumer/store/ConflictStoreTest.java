package dev.alize.consumer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.alize.common.conflict.ChildModel;
import dev.alize.common.conflict.Conflict;
import dev.alize.common.conflict.ConflictKind;
import dev.alize.common.conflict.ModelRef;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.persistence.DatabaseKinds;
import dev.alize.consumer.persistence.OpenDatabase;
import dev.alize.consumer.persistence.TestDatabases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The life of one stored conflict across detections, and what admins do to it. */
class ConflictStoreTest {

  private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
  private static final Conflict REMOVED =
      new Conflict(
          "amon-dijon",
          ConflictKind.VARIABLE_REMOVED,
          "filter_port",
          "Child model 'amon-dijon' overrides variable 'filter_port', which its parent no longer"
              + " has: remove the override.",
          Map.of("override", "8081"));

  private static long child(OpenDatabase db) {
    return db.database()
        .inTransaction(
            c ->
                db.bean(ChildModelStore.class)
                    .create(
                        new ChildModel(
                            "amon-dijon",
                            new ModelRef("eole", "2.9.0", "amon"),
                            List.of(),
                            List.of(),
                            List.of(),
                            "1.0.0",
                            List.of()),
                        null,
                        "alice",
                        NOW));
  }

  private static ConflictChanges detect(
      OpenDatabase db, long child, String version, Conflict... found) {
    ConflictStore store = db.bean(ConflictStore.class);
    return db.database()
        .inTransaction(
            c -> {
              List<Long> seenAgain = new ArrayList<>();
              ConflictChanges changes =
                  store.apply(
                      child,
                      store.byChild("eole", List.of(child)).getOrDefault(child, List.of()),
                      "eole",
                      version,
                      List.of(found),
                      NOW,
                      seenAgain);
              store.seenAgain(seenAgain, version, NOW);
              return changes;
            });
  }

  private static StoredConflict only(OpenDatabase db) {
    ConflictStore store = db.bean(ConflictStore.class);
    List<StoredConflict> all =
        db.database().inTransaction(c -> store.list(ConflictStore.Status.ALL));
    assertEquals(1, all.size(), all::toString);
    return all.get(0);
  }

  @DatabaseKinds
  void seenAgain_isStoredOnce_andClosesWhenItsCauseGoes(TestDatabases.Kind kind) {
    try (OpenDatabase opened = OpenDatabase.open(TestDatabases.fresh(kind))) {
      Database db = opened.database();
      ConflictStore store = opened.bean(ConflictStore.class);
      long child = child(opened);
      long id = detect(opened, child, "2.0.0", REMOVED).raised().get(0);
      ConflictChanges again = detect(opened, child, "2.0.1", REMOVED);
      assertEquals(List.of(), again.raised());
      assertEquals(List.of(id), again.open());
      assertEquals("2.0.1", only(opened).lastSeenVersion());
      assertEquals("2.0.0", only(opened).raisedVersion());

      ConflictChanges gone = detect(opened, child, "2.1.0");
      assertEquals(List.of(id), gone.closed());
      StoredConflict closed = only(opened);
      assertEquals("resolved", closed.status());
      assertEquals("2.1.0", closed.closedVersion());
      assertNull(closed.statusChangedBy());
    }
  }

  @DatabaseKinds
  void resolvedByAnAdmin_holdsWhileTheCauseIsTheSame_andReopensWhenItComesBack(
      TestDatabases.Kind kind) {
    try (OpenDatabase opened = OpenDatabase.open(TestDatabases.fresh(kind))) {
      Database db = opened.database();
      ConflictStore store = opened.bean(ConflictStore.class);
      long child = child(opened);
      long id = detect(opened, child, "2.0.0", REMOVED).raised().get(0);
      db.inTransaction(
          c -> {
            store.setStatus(id, ConflictStore.Status.RESOLVED, "carol", "known", NOW);
            return null;
          });

      ConflictChanges same = detect(opened, child, "2.0.1", REMOVED);
      assertEquals(List.of(), same.raised());
      assertEquals(List.of(), same.open());
      assertEquals("resolved", only(opened).status());
      assertEquals("carol", only(opened).statusChangedBy());

      ConflictChanges gone = detect(opened, child, "2.1.0");
      assertEquals(List.of(), gone.closed(), "it was not open");
      assertEquals("2.1.0", only(opened).closedVersion());
      assertEquals("carol", only(opened).statusChangedBy());

      ConflictChanges back = detect(opened, child, "2.2.0", REMOVED);
      assertEquals(List.of(id), back.raised());
      StoredConflict reopened = only(opened);
      assertEquals("open", reopened.status());
      assertEquals("2.2.0", reopened.raisedVersion());
      assertNull(reopened.closedVersion());
      assertNull(reopened.comment());
    }
  }

  @DatabaseKinds
  void acknowledged_reopensWhenItsCauseChanges(TestDatabases.Kind kind) {
    try (OpenDatabase opened = OpenDatabase.open(TestDatabases.fresh(kind))) {
      Database db = opened.database();
      ConflictStore store = opened.bean(ConflictStore.class);
      long child = child(opened);
      long id = detect(opened, child, "2.0.0", REMOVED).raised().get(0);
      db.inTransaction(
          c -> {
            store.setStatus(id, ConflictStore.Status.ACKNOWLEDGED, "carol", "later", NOW);
            return null;
          });
      assertEquals(List.of(), detect(opened, child, "2.0.1", REMOVED).raised());
      assertEquals("acknowledged", only(opened).status());

      Conflict changed =
          new Conflict(
              REMOVED.child(),
              REMOVED.kind(),
              REMOVED.subject(),
              REMOVED.message(),
              Map.of("override", "9090"));
      assertEquals(List.of(id), detect(opened, child, "2.1.0", changed).raised());
      assertEquals("open", only(opened).status());
      assertEquals(Map.of("override", "9090"), only(opened).details());
    }
  }
}
