package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.persistence.DatabaseKinds;
import dev.alize.consumer.persistence.OpenDatabase;
import dev.alize.consumer.persistence.TestDatabases;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of an import: {@code sync --once} of the packaged consumer, killed with SIGKILL at
 * random moments of a large import, leaves the database holding one whole release, never a mix,
 * with nothing locked, and the next sync converges to what an uncut sync gives.
 *
 * <p>A publisher serves a generated datasource of {@value LargeReleases#MODELS} models, {@value
 * #FIRST} on {@code stable} and {@value #NEXT} on {@code testing}. A base site takes {@value
 * #FIRST}, and an admin derives child models from it. One uncut sync of a copy of it measures when
 * the import runs and what it leaves; each trial syncs another copy (its data folder and database)
 * and kills it at a moment drawn in that window, widened by a tenth on each side. There are {@code
 * -Dcrash.trials} trials on each database (1 by default, 30 under {@code -Pcrash}); the moments
 * come from {@code -Dcrash.seed}, printed, so that a failing series is drawn again.
 */
class CrashDuringSyncIT {

  private static final int TRIALS = Integer.getInteger("crash.trials", 1);
  private static final long SEED = Long.getLong("crash.seed", new Random().nextLong());
  private static final String FIRST = "1.0.0";
  private static final String NEXT = "2.0.0";
  private static final String SUBJECT = CrashSite.REPOSITORY + "/" + LargeReleases.DATASOURCE;
  private static final String SYNCING = "syncing " + CrashSite.REPOSITORY + "...";
  private static final Pattern IMPORTED =
      Pattern.compile(
          LargeReleases.DATASOURCE + ": import " + FIRST + " -> " + NEXT + " in (\\d+) ms");

  /** What trial sites follow: every channel, and a MAJOR release without an admin. */
  private static final String[] NEXT_SETTINGS = {"channel: testing", "auto-approve: major"};

  @TempDir static Path temp;
  private static LivePublisher publisher;

  @BeforeAll
  static void publish() throws Exception {
    System.out.printf(
        "crash trials: %d on each database, seed %d (-Dcrash.seed=%d draws the same"
            + " moments)%n",
        TRIALS, SEED, SEED);
    publisher = LivePublisher.init(temp.resolve("publisher"));
    publisher.releaseDirectory(LargeReleases.first(temp.resolve("first")), FIRST, "stable");
    publisher.releaseDirectory(LargeReleases.next(temp.resolve("next")), NEXT, "testing");
    publisher.serve();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (publisher != null) {
      publisher.close();
    }
  }

  @DatabaseKinds
  void aSyncKilledAtRandomMoments_leavesOneWholeRelease_andTheNextSyncConverges(
      TestDatabases.Kind kind) throws Exception {
    Path dir = temp.resolve(kind.name());
    CrashSite base = CrashSite.create(dir.resolve("base"), kind, publisher, "channel: stable");
    TimedSync.Ended first = TimedSync.start(base.config(), dir.resolve("base.out")).await();
    assertEquals(0, first.exit(), first::err);
    assertTrue(first.out().startsWith(SUBJECT + ": updated (none) -> " + FIRST), first::out);
    try (OpenDatabase db = base.open()) {
      AdminService admin = db.bean(AdminService.class);
      LargeReleases.children().forEach(child -> admin.createChild(child, "admin"));
    }
    Map<String, ImportedRows> releases = new LinkedHashMap<>();
    releases.put(FIRST, base.rows());
    Uncut uncut = uncut(base, dir.resolve("uncut"));
    releases.put(NEXT, uncut.rows());
    System.out.printf(
        "%s: the uncut sync imported %s from %d to %d ms after '%s': %s%n",
        kind,
        NEXT,
        uncut.importStart(),
        uncut.importStart() + uncut.importMillis(),
        SYNCING,
        uncut.line());

    Random random = new Random(SEED);
    Map<String, Integer> left = new TreeMap<>();
    for (int t = 1; t <= TRIALS; t++) {
      // A moment of the import's window, widened by a tenth on each side.
      long delay =
          Math.max(
              0,
              uncut.importStart()
                  + Math.round((1.2 * random.nextDouble() - 0.1) * uncut.importMillis()));
      String trial =
          String.format(
              "%s trial %d/%d (seed %d), %d ms after '%s'", kind, t, TRIALS, SEED, delay, SYNCING);
      CrashSite site = base.copy(dir.resolve("trial-" + t), publisher, NEXT_SETTINGS);
      left.merge(trial(trial, site, delay, releases, uncut.line()), 1, Integer::sum);
      site.delete();
    }
    System.out.printf("%s: %d trials, the release each left: %s%n", kind, TRIALS, left);
  }

  /**
   * What an uncut sync of a copy of {@code base} leaves, and when its import ran, counted from
   * {@link #SYNCING}.
   */
  private record Uncut(ImportedRows rows, String line, long importStart, long importMillis) {}

  private static Uncut uncut(CrashSite base, Path dir) throws Exception {
    CrashSite uncut = base.copy(dir, publisher, NEXT_SETTINGS);
    TimedSync sync = TimedSync.start(uncut.config(), dir.resolve("sync.out"));
    long syncing = sync.await(SYNCING).nanos();
    TimedSync.Line imported = sync.await(LargeReleases.DATASOURCE + ": import " + FIRST);
    TimedSync.Ended ended = sync.await();
    assertEquals(0, ended.exit(), ended::err);
    String line = ended.out().strip();
    assertTrue(
        line.startsWith(SUBJECT + ": updated " + FIRST + " -> " + NEXT + ": ")
            && line.contains(" withdrawn; conflicts: 4 blocking, 4 warning"),
        line);
    Matcher took = IMPORTED.matcher(imported.text());
    assertTrue(took.find(), imported::text);
    long importMillis = Long.parseLong(took.group(1));
    long importEnd = TimeUnit.NANOSECONDS.toMillis(imported.nanos() - syncing);
    ImportedRows rows = uncut.rows();
    uncut.delete();
    return new Uncut(rows, line, importEnd - importMillis, importMillis);
  }

  /**
   * Syncs {@code site}, kills the sync {@code delay} ms after {@link #SYNCING}, checks what it
   * left, then syncs again to the end and checks that it converged; returns the release the kill
   * left.
   */
  private static String trial(
      String trial, CrashSite site, long delay, Map<String, ImportedRows> releases, String updated)
      throws Exception {
    TimedSync killed = TimedSync.start(site.config(), site.dir().resolve("killed.out"));
    TimedSync.Ended end =
        killed.killAt(killed.await(SYNCING).nanos() + TimeUnit.MILLISECONDS.toNanos(delay));
    if (end.killed()) {
      assertEquals(128 + 9, end.exit(), () -> trial + ": not ended by SIGKILL");
    } else {
      assertEquals(0, end.exit(), () -> trial + ": the sync ended by itself, and failed");
    }

    site.assertNothingLocked(LargeReleases.DATASOURCE);
    ImportedRows rows = site.rows();
    String release =
        rows.sameAs(releases)
            .orElseThrow(
                () ->
                    new AssertionError(
                        trial + ": the database holds a mix:\n" + rows.compareWith(releases)));
    assertTrue(
        end.killed() || release.equals(NEXT), () -> trial + ": a whole sync left " + release);

    long resumed = System.nanoTime();
    TimedSync.Ended next = TimedSync.start(site.config(), site.dir().resolve("next.out")).await();
    long nextMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - resumed);
    assertEquals(0, next.exit(), () -> trial + ": the next sync failed: " + next.err());
    assertEquals(
        release.equals(FIRST) ? updated : SUBJECT + ": up to date at " + NEXT,
        next.out().strip(),
        () -> trial + ": the next sync after " + release);
    ImportedRows converged = site.rows();
    assertEquals(
        releases.get(NEXT),
        converged,
        () -> trial + ": the next sync did not converge:\n" + converged.compareWith(releases));
    System.out.printf(
        "%s: %s left %s whole; the next sync converged in %d ms%n",
        trial, end.killed() ? "killed, it" : "ended by itself, it", release, nextMillis);
    return release;
  }
}
