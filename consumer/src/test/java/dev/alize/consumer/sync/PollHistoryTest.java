package dev.alize.consumer.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alize.common.release.Channel;
import dev.alize.common.release.RolloutMode;
import dev.alize.common.testing.MutableClock;
import dev.alize.common.verify.MetadataLimits;
import dev.alize.common.verify.RepositorySimulator;
import dev.alize.common.version.Bump;
import dev.alize.consumer.config.DataFolder;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.fetch.DownloadException;
import dev.alize.consumer.importer.Importer;
import dev.alize.consumer.persistence.DatabaseKinds;
import dev.alize.consumer.persistence.OpenDatabase;
import dev.alize.consumer.persistence.TestDatabases;
import dev.alize.consumer.store.ImportRun;
import dev.alize.consumer.store.ImportRunRepository;
import dev.alize.consumer.update.SimulatorFetcher;
import dev.alize.consumer.update.SimulatorFetcher.Misbehaviour;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * What polls of a repository leave in the history: a row per change of state, saying since when,
 * and nothing at all for a poll that found nothing new.
 */
class PollHistoryTest {

  private static final URI URL = URI.create("https://repo.example/");
  private static final Instant T = RepositorySimulator.REFERENCE_TIME;

  @TempDir Path data;

  private final RepositorySimulator sim = new RepositorySimulator();
  private final SimulatorFetcher fetcher =
      new SimulatorFetcher(sim, URL.resolve("metadata/"), URL.resolve("targets/"));
  private final MutableClock clock = new MutableClock(T);

  private Subscription repository() throws IOException {
    Path root = Files.write(data.resolve("root.json"), sim.rootBytes(1));
    return new Subscription(
        "upstream",
        URL,
        List.of(),
        root,
        null,
        Channel.STABLE,
        List.of(),
        Bump.MINOR,
        Duration.ofMinutes(15),
        false,
        RolloutMode.PHASED,
        null,
        Duration.ofDays(3));
  }

  /** The whole history, oldest first. */
  private static List<ImportRun> history(OpenDatabase opened) {
    List<ImportRun> runs =
        new ArrayList<>(
            opened.database().inTransaction(c -> opened.bean(ImportRunRepository.class).list(100)));
    Collections.reverse(runs);
    return runs;
  }

  /** The history as {@code OUTCOME MINUTE}. */
  private static List<String> outcomes(List<ImportRun> runs) {
    return runs.stream()
        .map(r -> r.outcome() + " " + Duration.between(T, r.startedAt()).toMinutes())
        .toList();
  }

  @DatabaseKinds
  void anUnchangedPoll_writesNoRow_whileAFailureAndARecoveryEachAddOne(TestDatabases.Kind kind)
      throws IOException {
    Subscription repository = repository();
    StatusStore statuses = new StatusStore(new DataFolder(data.resolve("data")));
    try (OpenDatabase opened = OpenDatabase.open(TestDatabases.fresh(kind))) {
      SyncService sync =
          new SyncService(
              statuses,
              s -> fetcher,
              opened.bean(Importer.class),
              clock,
              MetadataLimits.DEFAULT,
              () -> "site",
              r -> {});
      sync.sync(repository);
      List<ImportRun> first = history(opened);

      clock.advance(Duration.ofMinutes(15));
      sync.sync(repository);

      assertEquals(first, history(opened), "the row of the state, its time included");
      assertEquals(T.plus(Duration.ofMinutes(15)), statuses.read("upstream").lastSuccess);

      URI timestamp = fetcher.metadataUrl("timestamp.json");
      fetcher.misbehave(timestamp, new Misbehaviour.Failure(u -> new DownloadException(u, "down")));
      clock.advance(Duration.ofMinutes(15));
      sync.sync(repository);
      clock.advance(Duration.ofMinutes(15));
      sync.sync(repository);
      fetcher.behave(timestamp);
      clock.advance(Duration.ofMinutes(15));
      sync.sync(repository);
      List<ImportRun> recovered = history(opened);
      clock.advance(Duration.ofMinutes(15));
      sync.sync(repository);

      assertEquals(List.of("success 0", "failed 30", "success 60"), outcomes(recovered));
      assertEquals(recovered, history(opened));
      assertEquals(T.plus(Duration.ofMinutes(75)), statuses.read("upstream").lastSuccess);
    }
  }
}
