package dev.alize.publisher.fleetpage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alize.common.archive.DeterministicArchive;
import dev.alize.common.conflict.ConflictKind;
import dev.alize.common.datasource.DirectorySourceTree;
import dev.alize.common.report.ErrorClass;
import dev.alize.common.report.ReportOutcome;
import dev.alize.common.testing.MutableClock;
import dev.alize.publisher.api.ApiServer;
import dev.alize.publisher.cli.PublisherCli;
import dev.alize.publisher.cli.SampleDatasources;
import dev.alize.publisher.fleet.TestSites;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;

/**
 * The real server with a fleet: eole 1.0.0 everywhere first, then 2.0.0 released with a rollout
 * plan and halted for a reason written in HTML; over four days, two sites take 2.0.0 (one with
 * conflicts), one fails to download it, one waits for its turn, one holds it for its admin, and one
 * never reports. The site labelled with HTML takes nothing after 1.0.0.
 */
final class FleetFixture implements AutoCloseable {

  static final String HALT_REASON = "<b>imports</b> fail on \"amon\" & <script>alert(1)</script>";
  static final String HOSTILE_LABEL = "<img src=x onerror=alert(1)> École";

  final MutableClock clock = new MutableClock(ApiServer.NOW);
  final ApiServer api;
  final TestSites.Member pilot;
  final TestSites.Member early;
  final TestSites.Member failing;
  final TestSites.Member waiting;
  final TestSites.Member hostile;
  final TestSites.Member silent;

  FleetFixture(Path dir) throws Exception {
    api = ApiServer.start(dir, "", clock);
    TestSites sites = new TestSites(api.server.context());
    released("1.0.0", "", SampleDatasources.EOLE);
    pilot = sites.enrol("Lycée Victor Hugo");
    early = sites.enrol("Collège Jean Moulin");
    failing = sites.enrol("Mairie de Sète");
    waiting = sites.enrol("École Jules Ferry");
    hostile = sites.enrol(HOSTILE_LABEL);
    silent = sites.enrol("Médiathèque");
    for (TestSites.Member m : new TestSites.Member[] {pilot, early, failing, waiting, hostile}) {
      sites.send(m, TestSites.imported("1.0.0", "0.9.0", 100, Map.of()));
    }
    clock.advance(Duration.ofDays(1));
    released("2.0.0", "&rollout=20%25,50%25,100%25%20every%201d", SampleDatasources.EOLE_NEXT);
    sites.send(
        pilot,
        TestSites.imported(
            "2.0.0",
            "1.0.0",
            200,
            Map.of(ConflictKind.PARENT_WITHDRAWN, 2, ConflictKind.DEFAULT_CHANGED, 1)));
    clock.advance(Duration.ofDays(1));
    sites.send(early, TestSites.imported("2.0.0", "1.0.0", 300, Map.of()));
    sites.send(
        failing, TestSites.state("1.0.0", ReportOutcome.FAILED, "2.0.0", ErrorClass.DOWNLOAD));
    sites.send(waiting, TestSites.state("1.0.0", ReportOutcome.WAITING, "2.0.0", null));
    sites.send(hostile, TestSites.state("1.0.0", ReportOutcome.HELD, "2.0.0", null));
    HttpResponse<String> halted =
        api.post(
            "/api/v1/datasources/eole/releases/2.0.0/halt?reason="
                + URLEncoder.encode(HALT_REASON, StandardCharsets.UTF_8),
            api.eoleToken);
    assertEquals(200, halted.statusCode(), halted::body);
    clock.advance(Duration.ofHours(12));
  }

  private void released(String version, String more, Path source) throws Exception {
    HttpResponse<String> released =
        api.post(
            "/api/v1/datasources/eole/releases?version=" + version + more,
            api.eoleToken,
            DeterministicArchive.write(new DirectorySourceTree(source)));
    assertEquals(201, released.statusCode(), released::body);
  }

  String base() {
    return "https://127.0.0.1:" + api.server.port();
  }

  /** {@code stats eole --json} of the command line, on the server's database and repository. */
  JsonNode statsJson() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = PublisherCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit =
        cli.execute(
            "stats",
            "eole",
            "--json",
            "--config",
            api.configFile().toString(),
            "--repo",
            api.repo.toString());
    assertEquals(0, exit, () -> out + "\n" + err);
    return ApiServer.json(out.toString());
  }

  @Override
  public void close() {
    api.close();
  }
}
