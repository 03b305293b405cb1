package dev.alize.consumer.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.alize.common.testing.MutableClock;
import dev.alize.consumer.config.DataFolder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status files as {@code serve} keeps them and another process ({@code status}, {@code sync
 * --once}) reads them: a second store on the same folder stands for that process.
 */
class StatusStoreTest {

  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(T);

  @Test
  void write_ofNewTimesAloneIsReadByThisProcessAndNotYetWritten() {
    StatusStore store = new StatusStore(new DataFolder(dir), clock);
    store.write("repo", succeededAt(T));

    clock.advance(Duration.ofSeconds(30));
    store.write("repo", succeededAt(clock.instant()));

    assertEquals(T.plusSeconds(30), store.read("repo").lastSuccess);
    assertEquals(T, otherProcess().read("repo").lastSuccess);
  }

  @Test
  void write_ofNewTimesIsWrittenOnceTheFileIsAMinuteBehind() {
    StatusStore store = new StatusStore(new DataFolder(dir), clock);
    store.write("repo", succeededAt(T));
    clock.advance(Duration.ofSeconds(30));
    store.write("repo", succeededAt(clock.instant()));

    clock.advance(Duration.ofSeconds(30));
    store.write("repo", succeededAt(clock.instant()));

    assertEquals(T.plusSeconds(60), otherProcess().read("repo").lastSuccess);
  }

  @Test
  void write_ofAnythingElseIsWrittenAtOnce() {
    StatusStore store = new StatusStore(new DataFolder(dir), clock);
    store.write("repo", succeededAt(T));

    clock.advance(Duration.ofSeconds(1));
    RepositoryStatus failed = succeededAt(T);
    failed.lastAttempt = clock.instant();
    failed.lastError = "https://mirror.example: HTTP 503";
    failed.consecutiveFailures = 1;
    store.write("repo", failed);

    RepositoryStatus read = otherProcess().read("repo");
    assertEquals("https://mirror.example: HTTP 503", read.lastError);
    assertEquals(T.plusSeconds(1), read.lastAttempt);
  }

  @Test
  void read_ofAFileAnotherProcessWroteGivesItsStatus() {
    StatusStore store = new StatusStore(new DataFolder(dir), clock);
    store.write("repo", succeededAt(T));
    clock.advance(Duration.ofSeconds(10));
    store.write("repo", succeededAt(clock.instant()));

    RepositoryStatus synced = succeededAt(T.plusSeconds(20));
    synced.etags.put("https://mirror.example/metadata/timestamp.json", "\"v2\"");
    otherProcess().write("repo", synced);

    assertEquals(T.plusSeconds(20), store.read("repo").lastSuccess);
    assertEquals(
        "\"v2\"", store.read("repo").etags.get("https://mirror.example/metadata/timestamp.json"));
  }

  @Test
  void write_afterAnotherProcessWroteIsWrittenAtOnce() {
    StatusStore store = new StatusStore(new DataFolder(dir), clock);
    store.write("repo", succeededAt(T));
    otherProcess().write("repo", succeededAt(T.plusSeconds(5)));

    store.write("repo", succeededAt(T.plusSeconds(10)));

    assertEquals(T.plusSeconds(10), otherProcess().read("repo").lastSuccess);
  }

  @Test
  void read_givesAStatusWhoseChangesCountOnlyOnceWritten() {
    StatusStore store = new StatusStore(new DataFolder(dir), clock);
    store.write("repo", succeededAt(T));

    RepositoryStatus changed = store.read("repo");
    changed.lastError = "https://mirror.example: HTTP 503";
    changed.datasource("plants").installed = "3.0.0";

    assertNull(store.read("repo").lastError);
    assertEquals("2.0.0", store.read("repo").datasource("plants").installed);
  }

  @Test
  void read_inThisProcessGivesEveryFieldAsTheFileGivesIt() {
    StatusStore store = new StatusStore(new DataFolder(dir), clock);
    RepositoryStatus full = succeededAt(T);
    full.lastError = "https://mirror.example: HTTP 503";
    full.consecutiveFailures = 2;
    full.badMirrors.put("https://mirror.example/", "timestamp: rollback");
    full.warnings.add(new SyncWarning(SyncWarning.Kind.UNREACHABLE, "no mirror has answered"));
    RepositoryStatus.DatasourceStatus d = full.datasource("plants");
    d.held = "3.0.0";
    d.heldReason = "a MAJOR release";
    d.deprecation = "use trees";
    d.rejection = "broken";
    d.halted = "rollout halted";
    d.outcome = "held";
    d.release = "3.0.0";
    d.errorClass = "network";
    d.waiting = "2.1.0";
    d.waitingReason = "rollout at 10 %";
    d.expectedFrom = T.plusSeconds(3600);
    store.write("repo", full);
    clock.advance(Duration.ofSeconds(30));
    full.lastSuccess = clock.instant();
    store.write("repo", full);

    RepositoryStatus inMemory = store.read("repo");
    store.flush();

    assertEquals(StatusStore.toJson(otherProcess().read("repo")), StatusStore.toJson(inMemory));
    assertEquals(StatusStore.toJson(full), StatusStore.toJson(inMemory));
  }

  @Test
  void flush_writesTheTimesKeptInMemory() {
    StatusStore store = new StatusStore(new DataFolder(dir), clock);
    store.write("repo", succeededAt(T));
    clock.advance(Duration.ofSeconds(30));
    store.write("repo", succeededAt(clock.instant()));

    store.flush();

    assertEquals(T.plusSeconds(30), otherProcess().read("repo").lastSuccess);
  }

  private StatusStore otherProcess() {
    return new StatusStore(new DataFolder(dir), clock);
  }

  private static RepositoryStatus succeededAt(Instant time) {
    RepositoryStatus status = new RepositoryStatus();
    status.lastAttempt = time;
    status.lastSuccess = time;
    status.nextAttempt = time.plus(Duration.ofMinutes(15));
    status.datasource("plants").installed = "2.0.0";
    status.etags.put("https://mirror.example/metadata/timestamp.json", "\"v1\"");
    return status;
  }
}
