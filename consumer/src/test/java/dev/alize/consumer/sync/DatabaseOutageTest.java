package dev.alize.consumer.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.alize.common.release.Channel;
import dev.alize.common.release.RolloutMode;
import dev.alize.common.version.Bump;
import dev.alize.consumer.config.DataFolder;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.importer.Importer;
import dev.alize.consumer.persistence.DatabaseKinds;
import dev.alize.consumer.persistence.DatabaseSettings;
import dev.alize.consumer.persistence.OpenDatabase;
import dev.alize.consumer.persistence.TestDatabases;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.io.TempDir;

/** A sync under {@code serve} while its database is down: one line, no stack trace. */
class DatabaseOutageTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path data;

  private static Subscription repository() {
    return new Subscription(
        "upstream",
        URI.create("https://upstream.example"),
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

  @DatabaseKinds
  void aSyncThatMeetsAnUnreachableDatabase_isOneLineNamingTheDatabaseAndTheReason(
      TestDatabases.Kind kind) {
    DatabaseSettings settings = TestDatabases.fresh(kind);
    try (OpenDatabase opened = OpenDatabase.open(settings);
        LogCapture log = LogCapture.of(SyncScheduler.class)) {
      Importer importer = opened.bean(Importer.class);
      // What a sync asks the database first, once the metadata is refreshed.
      RepositorySyncer syncer =
          s -> {
            importer.syncInputs(s.name());
            return List.of(new SyncLine(s.name(), SyncLine.Outcome.UP_TO_DATE, "up to date"));
          };
      StatusStore statuses = new StatusStore(new DataFolder(data));
      try (SyncScheduler scheduler =
          new SyncScheduler(
              List.of(repository()),
              syncer,
              statuses,
              Executors.newScheduledThreadPool(1),
              Backoff.DEFAULT,
              new SplittableRandom(1),
              CLOCK,
              lines -> {})) {
        assertEquals(SyncLine.Outcome.UP_TO_DATE, scheduler.syncNow("upstream").get(0).outcome());

        TestDatabases.makeUnreachable(kind, settings);
        // The first sync may meet a pooled connection that died, the next ones a new one refused.
        for (int sync = 1; sync <= 3; sync++) {
          List<SyncLine> lines = scheduler.syncNow("upstream");
          assertEquals(1, lines.size(), lines::toString);
          String line = lines.get(0).toString();
          String prefix = "upstream: failed: database " + settings.shown() + ": ";
          assertEquals(SyncLine.Outcome.FAILED, lines.get(0).outcome());
          assertTrue(line.startsWith(prefix) && line.length() > prefix.length(), line);
          assertFalse(line.contains("\n"), line);
          assertFalse(line.matches(".*\\b(java|javax|org|com|io)\\.[a-z]+\\..*"), line);
          assertFalse(line.contains("Exception"), line);
          assertEquals(
              "upstream: failed: " + statuses.read("upstream").lastError, line, "the status");
          assertEquals(sync, statuses.read("upstream").consecutiveFailures);
        }
        for (ILoggingEvent event : log.events()) {
          assertNull(event.getThrowableProxy(), event.getFormattedMessage());
        }
      }
    }
  }
}
