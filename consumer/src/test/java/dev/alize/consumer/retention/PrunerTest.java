package dev.alize.consumer.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.consumer.config.ConfigurationException;
import dev.alize.consumer.config.DataFolder;
import dev.alize.consumer.notify.OutboxRepository;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.persistence.DatabaseKinds;
import dev.alize.consumer.persistence.DatabaseSettings;
import dev.alize.consumer.persistence.OpenDatabase;
import dev.alize.consumer.persistence.TestDatabases;
import dev.alize.consumer.store.ImportRun;
import dev.alize.consumer.store.ImportRunRepository;
import dev.alize.consumer.store.ModelCounts;
import dev.alize.consumer.store.UtcTimestamp;
import dev.alize.consumer.sync.LogCapture;
import dev.alize.consumer.update.TargetCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pruning on a real database and data folder, at a fixed time. */
class PrunerTest {

  private static final Instant NOW = Instant.parse("2030-06-01T00:00:00Z");
  private static final RetentionSettings RETENTION =
      new RetentionSettings(
          Duration.ofDays(30),
          Duration.ofDays(365),
          Duration.ofDays(7),
          Duration.ofDays(14),
          Duration.ofHours(6));

  @TempDir Path data;

  private static Instant daysAgo(int days) {
    return NOW.minus(Duration.ofDays(days));
  }

  private static void run(ImportRunRepository runs, String kind, String datasource, int daysAgo) {
    runs.record(
        new ImportRun(
            0,
            kind,
            "upstream",
            datasource,
            null,
            "1.0.0",
            null,
            null,
            ModelCounts.NONE,
            0,
            0,
            daysAgo(daysAgo),
            5,
            "success",
            null));
  }

  /** The history as {@code KIND DAYS-AGO}. */
  private static Set<String> history(Database db) {
    return db.inTransaction(
        c -> {
          Set<String> out = new TreeSet<>();
          try (PreparedStatement s = c.prepareStatement("SELECT kind, started_at FROM import_run");
              ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              Instant at = rs.getObject(2, java.time.LocalDateTime.class).toInstant(ZoneOffset.UTC);
              out.add(rs.getString(1) + " " + Duration.between(at, NOW).toDays());
            }
          }
          return out;
        });
  }

  private static long outboxRows(Database db) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement s =
                  c.prepareStatement("SELECT COUNT(*) FROM notification_outbox");
              ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  private static void archive(Path file, int daysAgo) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "archive");
    Files.setLastModifiedTime(file, FileTime.from(daysAgo(daysAgo)));
  }

  @DatabaseKinds
  void removesWhatIsOlderThanItsRetention_butNeverWhatRollbackNeeds(TestDatabases.Kind kind)
      throws IOException {
    try (OpenDatabase opened =
        OpenDatabase.open(
            TestDatabases.fresh(kind), data, Clock.fixed(NOW, ZoneOffset.UTC), RETENTION)) {
      Database db = opened.database();
      ImportRunRepository runs = opened.bean(ImportRunRepository.class);
      OutboxRepository outbox = opened.bean(OutboxRepository.class);
      db.inTransaction(
          c -> {
            run(runs, "sync", null, 40);
            run(runs, "sync", null, 20);
            run(runs, "import", "eole", 400);
            run(runs, "rollback", "eole", 370);
            run(runs, "import", "eole", 200);
            outbox.insert("log", "{}", UtcTimestamp.of(daysAgo(40)));
            outbox.insert("log", "{}", UtcTimestamp.of(daysAgo(40)));
            outbox.insert("log", "{}", UtcTimestamp.of(daysAgo(40)));
            try (PreparedStatement s =
                c.prepareStatement(
                    "INSERT INTO datasource (name, repository, version, target_path,"
                        + " previous_version, previous_target_path) VALUES ('eole', 'upstream',"
                        + " '2.0.0', 'eole/2.0.0.tar.gz', '1.0.0', 'eole/1.0.0.tar.gz')")) {
              s.executeUpdate();
            }
            return null;
          });
      List<Long> ids = new ArrayList<>();
      db.inTransaction(
          c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT id FROM notification_outbox ORDER BY id");
                ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getLong(1));
              }
            }
            // Delivered 10 days ago, 2 days ago; the third never delivered.
            outbox.delivered(ids.get(0), 1, UtcTimestamp.of(daysAgo(10)));
            outbox.delivered(ids.get(1), 1, UtcTimestamp.of(daysAgo(2)));
            return null;
          });
      DataFolder folder = new DataFolder(data);
      TargetCache cache = new TargetCache(folder.targets("upstream"));
      archive(cache.file("eole/2.0.0.tar.gz"), 100);
      archive(cache.file("eole/1.0.0.tar.gz"), 300);
      archive(cache.file("eole/0.9.0.tar.gz"), 60);
      archive(cache.file("eole/3.0.0.tar.gz"), 3);
      archive(folder.targets("gone").resolve("old.tar.gz"), 60);

      Pruned pruned = opened.bean(Pruner.class).prune();

      assertEquals(new Pruned(1, 2, 1, 2), pruned);
      assertEquals(Set.of("sync 20", "import 200"), history(db));
      assertEquals(2, outboxRows(db), "the recent delivery and the undelivered row are kept");
      try (Stream<Path> files = Files.list(folder.targets("upstream"))) {
        assertEquals(
            Stream.of("eole/2.0.0.tar.gz", "eole/1.0.0.tar.gz", "eole/3.0.0.tar.gz")
                .map(p -> cache.file(p).getFileName().toString())
                .collect(Collectors.toSet()),
            files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()));
      }
      assertEquals(new Pruned(0, 0, 0, 0), opened.bean(Pruner.class).prune());
    }
  }

  @DatabaseKinds
  void theNewestSyncRowOfARepository_isKeptWhateverItsAge(TestDatabases.Kind kind) {
    try (OpenDatabase opened =
        OpenDatabase.open(
            TestDatabases.fresh(kind), data, Clock.fixed(NOW, ZoneOffset.UTC), RETENTION)) {
      Database db = opened.database();
      ImportRunRepository runs = opened.bean(ImportRunRepository.class);
      db.inTransaction(
          c -> {
            run(runs, "sync", null, 50);
            run(runs, "sync", null, 40);
            return null;
          });

      Pruned pruned = opened.bean(Pruner.class).prune();

      // Synced unchanged for 40 days: the row that says so since then stays.
      assertEquals(new Pruned(1, 0, 0, 0), pruned);
      assertEquals(Set.of("sync 40"), history(db));
    }
  }

  @DatabaseKinds
  void aDatabaseOutage_isOneWarningLine_andTheNextRoundTriesAgain(TestDatabases.Kind kind) {
    DatabaseSettings settings = TestDatabases.fresh(kind);
    try (OpenDatabase opened =
            OpenDatabase.open(settings, data, Clock.fixed(NOW, ZoneOffset.UTC), RETENTION);
        LogCapture log = LogCapture.of(Pruner.class)) {
      Pruner pruner = opened.bean(Pruner.class);
      TestDatabases.makeUnreachable(kind, settings);

      pruner.pruneOrWarn();

      List<String> lines = log.lines();
      assertEquals(1, lines.size(), lines::toString);
      assertTrue(
          lines.get(0).startsWith("WARN cannot prune the history and the caches: database "),
          lines.get(0));
      assertTrue(lines.get(0).endsWith("; tried again in PT6H"), lines.get(0));
      assertNull(log.events().get(0).getThrowableProxy());
    }
  }

  @Test
  void serveSchedulesIt_aMinuteAfterItStarts_thenEveryPruneInterval() {
    List<long[]> delays = new ArrayList<>();
    List<Runnable> rounds = new ArrayList<>();
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(1) {
          @Override
          public ScheduledFuture<?> scheduleWithFixedDelay(
              Runnable command, long initialDelay, long delay, TimeUnit unit) {
            delays.add(new long[] {unit.toSeconds(initialDelay), unit.toSeconds(delay)});
            rounds.add(command);
            return null;
          }
        };
    try (OpenDatabase opened =
        OpenDatabase.open(
            TestDatabases.fresh(TestDatabases.Kind.H2),
            data,
            Clock.fixed(NOW, ZoneOffset.UTC),
            RETENTION)) {
      ImportRunRepository runs = opened.bean(ImportRunRepository.class);
      opened
          .database()
          .inTransaction(
              c -> {
                run(runs, "sync", null, 40);
                run(runs, "import", "eole", 10);
                return null;
              });

      opened.bean(Pruner.class).schedule(executor);

      assertEquals(1, delays.size());
      assertEquals(60, delays.get(0)[0]);
      assertEquals(Duration.ofHours(6).toSeconds(), delays.get(0)[1]);
      rounds.get(0).run();
      assertEquals(Set.of("import 10"), history(opened.database()));
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void aPeriodThatIsNotLongerThanZero_isRefusedNamingItsKey() {
    RetentionProperties zero =
        new RetentionProperties(
            Duration.ofDays(1),
            Duration.ZERO,
            Duration.ofDays(1),
            Duration.ofDays(1),
            Duration.ofHours(1));
    assertEquals(
        "alize.consumer.retention.import-history: write a period longer than zero: 365d, 12h,"
            + " 15m, 45s or ISO-8601 such as P7D",
        assertThrows(ConfigurationException.class, () -> RetentionSettings.from(zero))
            .getMessage());
  }
}
