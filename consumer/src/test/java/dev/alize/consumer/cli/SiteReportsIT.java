package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.common.conflict.ConflictKind;
import dev.alize.common.conflict.Severity;
import dev.alize.common.report.ReportOutcome;
import dev.alize.common.report.SiteReport;
import dev.alize.consumer.cli.ConsumerSite.Run;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site reporting to its publisher's report endpoints: not before it enrols, then after each
 * change, signed, numbered, with versions, outcomes, times and conflict counts only; through an
 * outage of the publisher, syncs go on as before and the latest state arrives once it is back.
 */
class SiteReportsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "enrol-" + "a1b2c3d4".repeat(5);
  private static final String LABEL = "lycée Jean Moulin";

  @TempDir static Path temp;
  private static LivePublisher publisher;

  @BeforeAll
  static void publish() throws Exception {
    publisher = LivePublisher.init(temp.resolve("publisher"));
    publisher.release("eole", "1.0.0", "stable");
    publisher.serve();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (publisher != null) {
      publisher.close();
    }
  }

  @Test
  void anEnrolledSite_reportsItsChanges_andAnOutageDelaysThemOnly() throws Exception {
    try (ReportReceiver receiver = new ReportReceiver(TOKEN)) {
      ConsumerSite site = new ConsumerSite(temp.resolve("site"), publisher);
      Path config =
          site.direct(
              "auto-approve: major",
              "reports: true",
              "report-url: " + receiver.url(),
              "allow-plain-http: true");
      ConsumerSite.append(config, "site-label: " + LABEL);

      Run first = site.sync(config);
      assertEquals(0, first.exit(), first.err());
      assertEquals(0, receiver.requests(), "nothing leaves before the site enrols");
      assertTrue(
          siteJson(config)
              .at("/repositories/upstream/reportError")
              .asText()
              .startsWith("not enrolled: run 'consumer enroll upstream --token TOKEN'"));

      Run refused =
          ConsumerSite.run("enroll", "upstream", "--token", "x".repeat(43), "--config", config);
      assertEquals(1, refused.exit());
      assertTrue(
          refused
              .err()
              .contains(
                  "refused the enrolment (401): unknown, expired or used enrolment"
                      + " token; ask the maintainer for a new token: publisher enroll '"
                      + LABEL
                      + "'"),
          refused.err());

      Run enrolled = ConsumerSite.run("enroll", "upstream", "--token", TOKEN, "--config", config);
      assertEquals(0, enrolled.exit(), enrolled.err());
      String identity = siteJson(config).get("identity").asText();
      assertEquals(
          List.of(
              "enrolled site " + identity + " as '" + LABEL + "' with " + receiver.url(),
              "first report delivered"),
          enrolled.out());
      List<String> shown = ConsumerSite.run("site", "--config", config).out();
      assertEquals("identity " + identity + ", label '" + LABEL + "'", shown.get(0));
      assertTrue(
          shown
              .get(1)
              .matches(
                  "upstream: rollout phased, reports to "
                      + java.util.regex.Pattern.quote(receiver.url().toString())
                      + ", enrolled at \\S+Z"),
          shown::toString);
      assertEquals(identity, receiver.enrolled().site());
      assertEquals(LABEL, receiver.enrolled().label());
      SiteReport.DatasourceState eole = eole(receiver.accepted().get(0).report());
      assertEquals("1.0.0", eole.installed().toString());
      assertEquals(ReportOutcome.IMPORTED, eole.outcome());
      assertTrue(eole.importMillis() != null && eole.importMillis() >= 0, eole::toString);

      // An admin's child model: its name and values never leave the site.
      Run child =
          ConsumerSite.run(
              "child",
              "create",
              "amon-dijon",
              "--parent",
              "eole/2.9.0/amon",
              "--set",
              EoleReleases.REMOVED + "=8081",
              "--set",
              EoleReleases.CHANGED + "=6000",
              "--config",
              config);
      assertEquals(0, child.exit(), child.err());

      receiver.down(true);
      publisher.releaseDirectory(EoleReleases.next(temp.resolve("next")), "2.0.0", "stable");
      Run during = site.sync(config);
      assertEquals(0, during.exit(), during.err());
      assertEquals(
          List.of(
              "upstream/eole: updated 1.0.0 -> 2.0.0: 0 added, 2 changed, 0 removed, 16 unchanged;"
                  + " conflicts: 1 blocking, 1 warning, 0 information"),
          during.out());
      assertTrue(
          siteJson(config)
              .at("/repositories/upstream/reportError")
              .asText()
              .startsWith("the publisher answered 503: down"));
      assertEquals(1, receiver.accepted().size());

      receiver.down(false);
      Run after = site.sync(config);
      assertEquals(0, after.exit(), after.err());
      List<ReportReceiver.Received> accepted = receiver.accepted();
      assertEquals(2, accepted.size(), "the latest state, once");
      SiteReport latest = accepted.get(1).report();
      assertTrue(latest.sequence() > accepted.get(0).report().sequence());
      SiteReport.DatasourceState now = eole(latest);
      assertEquals("2.0.0", now.installed().toString());
      assertEquals("1.0.0", now.previous().toString());
      assertEquals(ReportOutcome.UP_TO_DATE, now.outcome());
      assertEquals(
          List.of(
              new SiteReport.ConflictCount(ConflictKind.DEFAULT_CHANGED, Severity.WARNING, 1),
              new SiteReport.ConflictCount(ConflictKind.VARIABLE_REMOVED, Severity.BLOCKING, 1)),
          now.conflicts());
      assertEquals(List.of(), receiver.refusals());
      for (ReportReceiver.Received r : accepted) {
        assertFalse(r.body().contains("amon-dijon"), r.body());
        assertFalse(r.body().contains(EoleReleases.REMOVED), r.body());
      }
      assertFalse(siteJson(config).at("/repositories/upstream").has("reportDueAt"));
    }
  }

  private static SiteReport.DatasourceState eole(SiteReport report) {
    return report.datasources().stream()
        .filter(d -> d.datasource().equals("eole"))
        .findFirst()
        .orElseThrow();
  }

  private static JsonNode siteJson(Path config) throws Exception {
    Run run = ConsumerSite.run("site", "--config", config, "--json");
    assertEquals(0, run.exit(), run.err());
    return JSON.readTree(String.join("\n", run.out()));
  }
}
