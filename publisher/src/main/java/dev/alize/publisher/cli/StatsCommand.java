package dev.alize.publisher.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.datasource.Names;
import dev.alize.common.fleet.StalePeriod;
import dev.alize.common.time.Periods;
import dev.alize.common.version.SemanticVersion;
import dev.alize.publisher.fleet.FleetJson;
import dev.alize.publisher.fleet.FleetReport;
import dev.alize.publisher.fleet.FleetStats;
import dev.alize.publisher.fleet.ReleaseDates;
import dev.alize.publisher.fleet.ReleaseRecord;
import dev.alize.publisher.persistence.CommandContext;
import dev.alize.publisher.repository.RepositoryEditor;
import io.micronaut.context.ApplicationContext;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stats}: what the fleet's reports say of each release and each site. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "Show what the sites' reports say: per release and per site, and the sites gone quiet.",
      "Per release: sites reporting, installed, waiting, held, failed by error class, open"
          + " conflicts, median and 95th-percentile import time, and the time to 50 %% and 90 %%"
          + " adoption, counted from the release date of the signed targets."
    })
final class StatsCommand implements Callable<Integer> {

  /** The repository folder a configuration file may name, which serve's --repo sets otherwise. */
  private static final String REPO_DIR = "alize.publisher.repo-dir";

  @Spec CommandSpec spec;

  @Mixin FleetOptions fleet;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "A datasource.")
  String datasource;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "VERSION",
      description =
          "One release of NAME: its record (facts and audit history) and figures, without the"
              + " list of sites.")
  String version;

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description =
          "The repository folder, for the release dates; default: alize.publisher.repo-dir of"
              + " the --config file, else no adoption times.")
  Path repo;

  @Option(
      names = "--stale",
      paramLabel = "PERIOD",
      defaultValue = "1d",
      description =
          "List the sites that have not reported for this long (default: ${DEFAULT-VALUE}).")
  String stale;

  @Option(names = "--json", description = "Answer in JSON, as GET /api/v1/stats does.")
  boolean json;

  private final Clock clock;

  StatsCommand() {
    this(Clock.systemUTC());
  }

  /** For tests: staleness judged by {@code clock}. */
  StatsCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    if (datasource != null) {
      Names.DATASOURCE
          .check(datasource)
          .ifPresent(
              problem -> {
                throw new ParameterException(spec.commandLine(), "NAME: " + problem);
              });
    }
    String release =
        version == null
            ? null
            : SemanticVersion.find(version)
                .map(SemanticVersion::toString)
                .orElseThrow(
                    () ->
                        new ParameterException(
                            spec.commandLine(),
                            "VERSION: '" + version + "' is not a version, as 1.4.0"));
    Duration period =
        StalePeriod.find(stale)
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(),
                        "--stale must be a period from 0s to "
                            + StalePeriod.MAX.toDays()
                            + "d: "
                            + Periods.FORMS));
    FleetReport report;
    ReleaseRecord record = null;
    try (ApplicationContext context = CommandContext.start(fleet.configFile(), clock)) {
      Path folder = repo != null ? repo : context.getProperty(REPO_DIR, Path.class).orElse(null);
      RepositoryEditor editor = folder == null ? null : new RepositoryEditor(folder, null, clock);
      ReleaseDates dates =
          editor == null ? ReleaseDates.none() : ReleaseDates.of(editor.view().releases());
      report = context.getBean(FleetStats.class).report(datasource, release, period, dates);
      if (release != null && editor != null) {
        record = ReleaseRecord.of(editor, datasource, release);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode answer = FleetJson.of(report);
      if (record != null) {
        answer.set("record", record.toJson());
      }
      Json.print(out, answer);
    } else {
      if (record != null) {
        record.print(out);
      }
      StatsText.print(report, out);
    }
    out.flush();
    return 0;
  }
}
