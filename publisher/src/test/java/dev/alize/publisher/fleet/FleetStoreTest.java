package dev.alize.publisher.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.alize.common.conflict.ConflictKind;
import dev.alize.common.release.Channel;
import dev.alize.common.release.Classification;
import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.report.ErrorClass;
import dev.alize.common.report.ReportOutcome;
import dev.alize.common.testing.MutableClock;
import dev.alize.common.version.SemanticVersion;
import dev.alize.publisher.persistence.CommandContext;
import dev.alize.publisher.persistence.DatabaseSettings;
import dev.alize.publisher.persistence.TestDatabases;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * The fleet database on H2 and on PostgreSQL: migrations, enrolment, reports stored as the latest
 * state, and the statistics of a small fleet whose figures are known exactly.
 */
class FleetStoreTest {

  private static final Instant RELEASED = Instant.parse("2026-03-01T00:00:00Z");

  @TempDir Path temp;

  private static Path config(Path dir, DatabaseSettings database) throws Exception {
    return Files.writeString(
        dir.resolve("publisher.yml"),
        "alize:\n"
            + "  publisher:\n"
            + "    database:\n"
            + "      url: \""
            + database.url()
            + "\"\n"
            + "      user: \""
            + database.user()
            + "\"\n"
            + "      password: \""
            + (database.password() == null ? "" : database.password())
            + "\"\n");
  }

  private static ReleaseDates dates() {
    return ReleaseDates.of(
        List.of(
            new ReleaseFacts(
                "eole",
                SemanticVersion.parse("2.0.0"),
                Channel.STABLE,
                RELEASED,
                Classification.STANDARD,
                "",
                null,
                null)));
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void aSmallFleet_hasExactFigures(TestDatabases.Kind kind) throws Exception {
    MutableClock clock = new MutableClock(RELEASED);
    try (ApplicationContext context =
        CommandContext.start(config(temp, TestDatabases.fresh(kind)), clock)) {
      TestSites fleet = new TestSites(context);
      TestSites.Member a = fleet.enrol("Lycée A");
      TestSites.Member b = fleet.enrol("Collège B");
      TestSites.Member c = fleet.enrol("École C");
      TestSites.Member d = fleet.enrol("Mairie D");

      clock.advance(Duration.ofHours(1));
      fleet.send(
          a, TestSites.imported("2.0.0", "1.0.0", 100, Map.of(ConflictKind.PARENT_WITHDRAWN, 2)));
      clock.advance(Duration.ofHours(1));
      fleet.send(
          b,
          TestSites.imported(
              "2.0.0",
              "1.0.0",
              300,
              Map.of(ConflictKind.PARENT_WITHDRAWN, 1, ConflictKind.DEFAULT_CHANGED, 4)));
      clock.advance(Duration.ofHours(1));
      fleet.send(c, TestSites.state("1.0.0", ReportOutcome.WAITING, "2.0.0", null));
      clock.advance(Duration.ofHours(1));
      fleet.send(d, TestSites.state("1.0.0", ReportOutcome.FAILED, "2.0.0", ErrorClass.DOWNLOAD));
      clock.advance(Duration.ofHours(1));
      fleet.send(c, TestSites.imported("2.0.0", "1.0.0", 200, Map.of()));

      FleetStats stats = context.getBean(FleetStats.class);
      FleetReport report = stats.report("eole", "2.0.0", Duration.ofDays(1), dates());
      ReleaseStats r = report.releases().get(0);
      assertEquals(RELEASED, r.released());
      assertEquals(4, r.sitesReporting());
      assertEquals(3, r.installed());
      assertEquals(0, r.waiting());
      assertEquals(0, r.held());
      assertEquals(Map.of("download", 1L), r.failed());
      assertEquals(
          List.of(
              new ReleaseStats.ConflictTotal("default-changed", "warning", 4),
              new ReleaseStats.ConflictTotal("parent-withdrawn", "blocking", 3)),
          r.conflicts());
      assertEquals(200L, r.importMedianMs());
      assertEquals(300L, r.importP95Ms());
      // Half of 4 sites is the second to install, two hours after the release; 90 % is 4 sites.
      assertEquals(Duration.ofHours(2), r.toHalf());
      assertNull(r.toNinetyPercent());
      assertEquals(List.of(), report.sites());

      // A replayed report is refused and changes no figure.
      RefusedException replay =
          assertThrows(
              RefusedException.class,
              () ->
                  fleet.resend(c, TestSites.state("1.0.0", ReportOutcome.WAITING, "2.0.0", null)));
      assertEquals(Refusal.REPLAY, replay.reason());
      assertEquals(
          report.releases(), stats.report("eole", "2.0.0", Duration.ofDays(1), dates()).releases());

      // A report replaces the site's state of the datasource, its conflicts with it.
      fleet.send(b, TestSites.imported("2.0.0", "1.0.0", 300, Map.of()));
      assertEquals(
          List.of(new ReleaseStats.ConflictTotal("parent-withdrawn", "blocking", 2)),
          stats.report("eole", "2.0.0", Duration.ofDays(1), dates()).releases().get(0).conflicts());

      // A day and 3.5 hours after the release, A (last seen at 1 h) is stale.
      clock.advance(Duration.ofMinutes(22 * 60 + 30));
      FleetReport all = stats.report(null, null, Duration.ofDays(1), dates());
      assertEquals(List.of("Lycée A"), all.staleSites().stream().map(SiteSummary::label).toList());
      assertEquals(4, all.sites().size());
      assertEquals(
          List.of("1.0.0", "2.0.0"), all.releases().stream().map(ReleaseStats::version).toList());
      SiteSummary mairie =
          all.sites().stream().filter(s -> s.label().equals("Mairie D")).findFirst().orElseThrow();
      assertEquals(Map.of("eole", "1.0.0"), mairie.versions());
      assertTrue(!mairie.stale());
      ReleaseStats old = all.releases().get(0);
      // 1.0.0 is in no signed targets here: no release date, no adoption times.
      assertNull(old.released());
      assertEquals(1, old.installed());
    }
  }

  @Test
  void aRefusal_isLoggedWithTheRequestsTextEscaped() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(ReportIntake.class);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    logger.addAppender(captured);
    try (ApplicationContext context =
        CommandContext.start(
            config(temp, TestDatabases.fresh(TestDatabases.Kind.H2)), new MutableClock(RELEASED))) {
      String forged = "\u001b[2J\n2026-03-01 INFO all is well";
      RefusedException refused =
          assertThrows(
              RefusedException.class,
              () -> context.getBean(ReportIntake.class).accept(forged, "x", () -> new byte[0]));
      assertEquals(Refusal.UNKNOWN_SITE, refused.reason());
    } finally {
      logger.detachAppender(captured);
    }
    String line = captured.list.get(0).getFormattedMessage();
    assertTrue(line.contains("(unknown_site) from site \\u001B[2J\\u000A2026-03-01"), line);
    assertFalse(line.contains("\n") || line.contains("\u001b"), line);
  }
}
