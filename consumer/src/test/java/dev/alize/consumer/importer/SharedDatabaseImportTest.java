package dev.alize.consumer.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.version.SemanticVersion;
import dev.alize.consumer.notify.NotificationSettings;
import dev.alize.consumer.persistence.DatabaseKinds;
import dev.alize.consumer.persistence.DatabaseSettings;
import dev.alize.consumer.persistence.TestDatabases;
import dev.alize.consumer.persistence.TestDatabases.Kind;
import dev.alize.consumer.store.ModelCounts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two consumer replicas sharing one database (two connection pools, two importers), importing at
 * the same moment from two threads: the datasource's lock makes one wait for the other, which it
 * then sees. The first to take the lock is held inside its transaction until the database shows the
 * other one waiting for that lock, so the test proves the wait instead of hoping for it.
 */
class SharedDatabaseImportTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path tmp;

  @DatabaseKinds
  void theSameReleaseIsImportedByOneReplicaAndSkippedByTheOther(Kind kind) throws Exception {
    EoleTree v1 = EoleTree.sample(tmp.resolve("v1"));
    DatabaseSettings shared = TestDatabases.fresh(kind);

    try (ImportSite a = replica(kind, shared, "a");
        ImportSite b = replica(kind, shared, "b")) {
      Race race = race(a, a.request(v1, "1.0.0"), b, b.request(v1, "1.0.0"));

      assertFalse(race.first.skipped());
      assertNull(race.first.fromVersion());
      assertEquals(new ModelCounts(18, 0, 0, 0, 0), race.first.counts());
      assertTrue(race.second.skipped());
      assertEquals("1.0.0", race.second.fromVersion());
      assertEquals(ModelCounts.NONE, race.second.counts());
      // The second took the lock only once the first had written everything.
      assertEquals(
          List.of(
              race.firstName + " locked",
              race.firstName + " saw the other wait",
              race.firstName + " recorded",
              race.secondName + " locked"),
          race.events);

      List<Map<String, String>> runs = a.runs();
      assertEquals(
          List.of("import skipped", "import success"),
          runs.stream().map(r -> r.get("kind") + " " + r.get("outcome")).sorted().toList());
      for (Map<String, String> run : runs) {
        assertEquals(run.get("outcome").equals("success") ? "18" : "0", run.get("models_added"));
        assertEquals("1.0.0", run.get("to_version"));
        assertNull(run.get("error"));
      }
      // Written once: one row per model, one notification.
      assertEquals(18, a.count("server_model"));
      assertEquals(1, a.count("notification_outbox"));
      assertEquals(1, a.count("datasource"));
      a.models().values().forEach(line -> assertTrue(line.startsWith("active 1.0.0 "), line));
      // Both replicas see the result.
      assertEquals(
          Map.of("eole", SemanticVersion.parse("1.0.0")),
          a.importer.syncInputs("upstream").installed());
      assertEquals(
          Map.of("eole", SemanticVersion.parse("1.0.0")),
          b.importer.syncInputs("upstream").installed());
      assertEquals(18, b.admin.models("eole").size());
      assertEquals(a.snapshot(), b.snapshot());
    }
  }

  @DatabaseKinds
  void aReplicaThatWaitedImportsOnTopOfWhatTheOtherCommitted(Kind kind) throws Exception {
    EoleTree v1 = EoleTree.sample(tmp.resolve("v1"));
    EoleTree v11 = v1.copy(tmp.resolve("v11")).touchHapy("Bigger.");
    DatabaseSettings shared = TestDatabases.fresh(kind);

    try (ImportSite a = replica(kind, shared, "a");
        ImportSite b = replica(kind, shared, "b")) {
      Race race = race(a, a.request(v1, "1.0.0"), b, b.request(v11, "1.1.0"));

      assertFalse(race.first.skipped());
      assertFalse(race.second.skipped());
      assertNull(race.first.fromVersion());
      // The second read the datasource as the first left it, not as it was when it started.
      assertEquals(race.first.toVersion(), race.second.fromVersion());
      assertEquals(new ModelCounts(0, 1, 0, 17, 0), race.second.counts());
      assertEquals(race.second.toVersion(), a.value("SELECT version FROM datasource"));
      assertEquals(race.first.toVersion(), a.value("SELECT previous_version FROM datasource"));
      assertEquals(
          List.of("import success", "import success"),
          a.runs().stream().map(r -> r.get("kind") + " " + r.get("outcome")).toList());
      assertEquals(18, b.count("server_model"));
    }
  }

  private ImportSite replica(Kind kind, DatabaseSettings shared, String name) {
    return new ImportSite(kind, shared, tmp.resolve(name), NotificationSettings.logOnly());
  }

  /** Who took the lock first, what each import returned, and the steps in the order seen. */
  private record Race(
      String firstName,
      ImportResult first,
      String secondName,
      ImportResult second,
      List<String> events) {}

  private static Race race(ImportSite a, ImportRequest ra, ImportSite b, ImportRequest rb)
      throws Exception {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean held = new AtomicBoolean();
    for (ImportSite site : List.of(a, b)) {
      String who = site == a ? "a" : "b";
      site.onStep(
          (datasource, step) -> {
            if (step.equals("datasource locked")) {
              events.add(who + " locked");
              if (held.compareAndSet(false, true)) {
                site.awaitWritersWaiting(1, PATIENCE, () -> false);
                events.add(who + " saw the other wait");
              }
            } else if (step.equals("recorded")) {
              events.add(who + " recorded");
            }
          });
    }
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      Future<ImportResult> fa =
          threads.submit(
              () -> {
                start.await();
                return a.importer.importRelease(ra);
              });
      Future<ImportResult> fb =
          threads.submit(
              () -> {
                start.await();
                return b.importer.importRelease(rb);
              });
      start.countDown();
      ImportResult resultA = fa.get(PATIENCE.toSeconds() * 2, TimeUnit.SECONDS);
      ImportResult resultB = fb.get(PATIENCE.toSeconds() * 2, TimeUnit.SECONDS);
      List<String> seen = List.copyOf(events);
      boolean aFirst = seen.get(0).startsWith("a ");
      return aFirst
          ? new Race("a", resultA, "b", resultB, seen)
          : new Race("b", resultB, "a", resultA, seen);
    } finally {
      threads.shutdownNow();
      a.onStep(null);
      b.onStep(null);
    }
  }
}
