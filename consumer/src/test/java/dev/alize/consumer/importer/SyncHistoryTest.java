package dev.alize.consumer.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alize.consumer.persistence.DatabaseKinds;
import dev.alize.consumer.persistence.OpenDatabase;
import dev.alize.consumer.persistence.TestDatabases;
import dev.alize.consumer.store.ImportRun;
import dev.alize.consumer.store.ImportRunRepository;
import dev.alize.consumer.store.ModelCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The history keeps one row per change of a repository's sync outcome, not one per poll. */
class SyncHistoryTest {

  private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");

  private static Instant minutes(int m) {
    return T.plus(Duration.ofMinutes(m));
  }

  /** The history, oldest first, as {@code KIND OUTCOME MINUTE [ERROR]}. */
  private static List<String> history(OpenDatabase opened) {
    List<ImportRun> runs =
        new ArrayList<>(
            opened.database().inTransaction(c -> opened.bean(ImportRunRepository.class).list(100)));
    Collections.reverse(runs);
    return runs.stream()
        .map(
            r ->
                r.kind()
                    + " "
                    + r.outcome()
                    + " "
                    + Duration.between(T, r.startedAt()).toMinutes()
                    + (r.error() == null ? "" : " " + r.error()))
        .toList();
  }

  @DatabaseKinds
  void anUnchangedPoll_leavesTheRowOfItsState_andAChangeAddsOne(TestDatabases.Kind kind) {
    try (OpenDatabase opened = OpenDatabase.open(TestDatabases.fresh(kind))) {
      Importer importer = opened.bean(Importer.class);
      importer.recordSync("upstream", minutes(0), minutes(0), null);
      importer.recordSync("upstream", minutes(15), minutes(15), null);
      importer.recordSync("upstream", minutes(30), minutes(30), null);
      importer.recordSync("other", minutes(31), minutes(31), null);
      // The row says since when: the first sync that ended so.
      assertEquals(List.of("sync success 0", "sync success 31"), history(opened));

      importer.recordSync("upstream", minutes(45), minutes(45), "mirror down");
      importer.recordSync("upstream", minutes(46), minutes(46), "mirror down");
      importer.recordSync("upstream", minutes(47), minutes(47), "timestamp expired");
      importer.recordSync("upstream", minutes(60), minutes(60), null);
      assertEquals(
          List.of(
              "sync success 0",
              "sync success 31",
              "sync failed 45 mirror down",
              "sync failed 47 timestamp expired",
              "sync success 60"),
          history(opened));

      // An import in between: the next sync is a row of its own, after it.
      opened
          .database()
          .inTransaction(
              c -> {
                opened
                    .bean(ImportRunRepository.class)
                    .record(
                        new ImportRun(
                            0,
                            "import",
                            "upstream",
                            "eole",
                            null,
                            "1.0.0",
                            null,
                            null,
                            ModelCounts.NONE,
                            0,
                            0,
                            minutes(61),
                            10,
                            "success",
                            null));
                return null;
              });
      importer.recordSync("upstream", minutes(75), minutes(75), null);
      importer.recordSync("upstream", minutes(90), minutes(90), null);
      assertEquals(
          List.of(
              "sync success 0",
              "sync success 31",
              "sync failed 45 mirror down",
              "sync failed 47 timestamp expired",
              "sync success 60",
              "import success 61",
              "sync success 75"),
          history(opened));
    }
  }
}
