package dev.alize.consumer.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.release.Channel;
import dev.alize.common.release.RolloutMode;
import dev.alize.common.verify.RepositorySimulator;
import dev.alize.common.version.Bump;
import dev.alize.consumer.config.DataFolder;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.update.MetadataStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncSchedulerTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final Backoff NO_JITTER =
      new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), 0);

  @TempDir Path data;

  private static Subscription repository(String name) {
    return new Subscription(
        name,
        URI.create("https://" + name + ".example"),
        List.of(),
        Path.of("root.json"),
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

  private SyncScheduler scheduler(
      List<Subscription> repositories, RepositorySyncer syncer, StatusStore statuses) {
    return new SyncScheduler(
        repositories,
        syncer,
        statuses,
        Executors.newScheduledThreadPool(repositories.size()),
        NO_JITTER,
        new SplittableRandom(1),
        CLOCK,
        lines -> {});
  }

  private static RepositorySyncer recording(StatusStore statuses, boolean fail) {
    return s -> {
      RepositoryStatus status = statuses.read(s.name());
      status.consecutiveFailures = fail ? status.consecutiveFailures + 1 : 0;
      statuses.write(s.name(), status);
      return List.of(
          new SyncLine(
              s.name(), fail ? SyncLine.Outcome.FAILED : SyncLine.Outcome.UP_TO_DATE, "x"));
    };
  }

  @Test
  void syncNow_runsAtOnceAndSchedulesThePollInterval() {
    StatusStore statuses = new StatusStore(new DataFolder(data));
    try (SyncScheduler scheduler =
        scheduler(List.of(repository("a")), recording(statuses, false), statuses)) {
      List<SyncLine> lines = scheduler.syncNow("a");
      assertEquals(SyncLine.Outcome.UP_TO_DATE, lines.get(0).outcome());
      assertEquals(CLOCK.instant().plus(Duration.ofMinutes(15)), statuses.read("a").nextAttempt);
    }
  }

  @Test
  void failures_backOff() {
    StatusStore statuses = new StatusStore(new DataFolder(data));
    try (SyncScheduler scheduler =
        scheduler(List.of(repository("a")), recording(statuses, true), statuses)) {
      scheduler.syncNow("a");
      assertEquals(CLOCK.instant().plusSeconds(30), statuses.read("a").nextAttempt);
      scheduler.syncNow("a");
      assertEquals(CLOCK.instant().plusSeconds(60), statuses.read("a").nextAttempt);
      scheduler.syncNow("a");
      assertEquals(CLOCK.instant().plusSeconds(120), statuses.read("a").nextAttempt);
    }
  }

  @Test
  void anUnexpectedError_isRecordedAndRetried() {
    StatusStore statuses = new StatusStore(new DataFolder(data));
    RepositorySyncer broken =
        s -> {
          throw new IllegalStateException("disk full");
        };
    try (SyncScheduler scheduler = scheduler(List.of(repository("a")), broken, statuses)) {
      List<SyncLine> lines = scheduler.syncNow("a");
      assertEquals(SyncLine.Outcome.FAILED, lines.get(0).outcome());
      assertTrue(statuses.read("a").lastError.contains("disk full"));
      assertEquals(CLOCK.instant().plusSeconds(30), statuses.read("a").nextAttempt);
    }
  }

  @Test
  void aRepositoryThatHangs_neverDelaysAnother() throws Exception {
    StatusStore statuses = new StatusStore(new DataFolder(data));
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch otherSynced = new CountDownLatch(1);
    List<String> synced = new CopyOnWriteArrayList<>();
    RepositorySyncer syncer =
        s -> {
          if (s.name().equals("slow")) {
            try {
              release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            synced.add(s.name());
          } else {
            // Recorded before the latch opens, so the test sees it.
            synced.add(s.name());
            otherSynced.countDown();
          }
          return List.of();
        };
    try (SyncScheduler scheduler =
        scheduler(List.of(repository("slow"), repository("quick")), syncer, statuses)) {
      scheduler.start();
      assertTrue(otherSynced.await(15, TimeUnit.SECONDS), "quick was held up by slow");
      assertEquals(List.of("quick"), synced);
      release.countDown();
    }
  }

  @Test
  void startingAgain_honoursTheRecordedNextAttempt() throws Exception {
    StatusStore statuses = new StatusStore(new DataFolder(data));
    RepositoryStatus status = new RepositoryStatus();
    status.nextAttempt = CLOCK.instant().plus(Duration.ofHours(1));
    statuses.write("a", status);
    List<String> synced = new CopyOnWriteArrayList<>();
    try (SyncScheduler scheduler =
        scheduler(
            List.of(repository("a")),
            s -> {
              synced.add(s.name());
              return List.of();
            },
            statuses)) {
      scheduler.start();
      Thread.sleep(6_000);
      assertEquals(List.of(), synced, "synced before its next attempt");
    }
  }

  @Test
  void syncNow_ofAnUnknownRepository_isRefused() {
    StatusStore statuses = new StatusStore(new DataFolder(data));
    try (SyncScheduler scheduler =
        scheduler(List.of(repository("a")), recording(statuses, false), statuses)) {
      assertThrows(IllegalArgumentException.class, () -> scheduler.syncNow("b"));
    }
  }

  /** Trusts a timestamp of repository {@code a} that expires at {@code expires}. */
  private static Path trustTimestamp(StatusStore statuses, Instant expires) {
    RepositorySimulator repository = new RepositorySimulator();
    repository.timestamp.expires = expires;
    MetadataStore trusted = new MetadataStore(statuses.folder().metadata("a"));
    trusted.write("timestamp", repository.metadata("timestamp"));
    return trusted.dir().resolve("timestamp.json");
  }

  private static List<String> warnings(LogCapture log) {
    return log.lines().stream().filter(l -> l.startsWith("WARN ")).toList();
  }

  @Test
  void aTimestampThatExpiresBeforeTheNextPoll_isWarnedOnce_notAtEveryPoll() {
    StatusStore statuses = new StatusStore(new DataFolder(data));
    Path file = trustTimestamp(statuses, CLOCK.instant().plus(Duration.ofMinutes(10)));
    try (LogCapture log = LogCapture.of(SyncScheduler.class);
        SyncScheduler scheduler =
            scheduler(List.of(repository("a")), recording(statuses, false), statuses)) {
      scheduler.syncNow("a");
      scheduler.syncNow("a");
      assertEquals(
          List.of(
              "WARN a: the trusted timestamp version 1 ("
                  + file
                  + ") expires on 2030-01-01T00:10:00Z, before the next poll: unless a poll"
                  + " succeeds by then, this site takes no update from the repository; check that"
                  + " a mirror answers ('consumer sync --once') and, if none has newer metadata,"
                  + " tell its publisher"),
          warnings(log));
      assertEquals(
          List.of(SyncWarning.Kind.EXPIRING),
          statuses.read("a").warnings.stream().map(SyncWarning::kind).toList());
    }
  }

  @Test
  void noMirrorAnsweringForLongerThanTheLimit_isWarned() {
    StatusStore statuses = new StatusStore(new DataFolder(data));
    trustTimestamp(statuses, CLOCK.instant().plus(Duration.ofDays(2)));
    RepositoryStatus status = new RepositoryStatus();
    status.lastSuccess = CLOCK.instant().minus(Duration.ofDays(3)).minusSeconds(1);
    statuses.write("a", status);
    try (LogCapture log = LogCapture.of(SyncScheduler.class);
        SyncScheduler scheduler =
            scheduler(List.of(repository("a")), recording(statuses, true), statuses)) {
      scheduler.syncNow("a");
      scheduler.syncNow("a");
      assertEquals(
          List.of(
              "WARN a: no mirror has answered since 2029-12-28T23:59:59Z, more than 3d ago; the"
                  + " site stops taking updates from it once its trusted timestamp expires, on"
                  + " 2030-01-03T00:00:00Z; check the network and each mirror's last error"
                  + " ('consumer status')"),
          warnings(log));
    }
  }
}
