package dev.alize.publisher.fleetpage;

import dev.alize.common.release.ReleaseFacts;
import dev.alize.publisher.fleet.FleetStats;
import dev.alize.publisher.fleet.ReleaseDates;
import dev.alize.publisher.fleet.ReleaseRecord;
import dev.alize.publisher.fleet.ReleaseStats;
import dev.alize.publisher.repository.RepositoryEditor;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The releases of the datasources a maintainer's token may read: all of them, one datasource's, or
 * one release with its record.
 */
@Controller(FleetSessions.PATH)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class FleetController {

  private static final String OVERVIEW = "fleet/overview";

  private final FleetStats stats;
  private final RepositoryEditor editor;
  private final Clock clock;
  private final FleetViews views;

  FleetController(FleetStats stats, RepositoryEditor editor, Clock clock, FleetViews views) {
    this.stats = stats;
    this.editor = editor;
    this.clock = clock;
    this.views = views;
  }

  @Get(produces = MediaType.TEXT_HTML)
  HttpResponse<String> overview(Authentication by, HttpRequest<?> request) {
    Maintainer reader = Maintainer.of(by);
    Map<String, Object> model = FleetPage.model(reader, "Fleet", "releases");
    model.put("overview", overview(reader.datasources()));
    return views.page(HttpStatus.OK, OVERVIEW, model, request);
  }

  @Get(value = "/{datasource}", produces = MediaType.TEXT_HTML)
  HttpResponse<String> datasource(
      @PathVariable String datasource, Authentication by, HttpRequest<?> request) {
    Maintainer reader = Maintainer.of(by);
    String name = FleetParameters.datasource(datasource, reader);
    Map<String, Object> model = FleetPage.model(reader, name, "releases");
    model.put("overview", overview(List.of(name)));
    return views.page(HttpStatus.OK, OVERVIEW, model, request);
  }

  @Get(value = "/{datasource}/{version}", produces = MediaType.TEXT_HTML)
  HttpResponse<String> release(
      @PathVariable String datasource,
      @PathVariable String version,
      Authentication by,
      HttpRequest<?> request) {
    Maintainer reader = Maintainer.of(by);
    String name = FleetParameters.datasource(datasource, reader);
    String release = FleetParameters.version(version);
    List<ReleaseFacts> served = editor.view().releases();
    ReleaseFacts facts =
        served.stream()
            .filter(f -> f.datasource().equals(name) && f.version().toString().equals(release))
            .findFirst()
            .orElse(null);
    ReleaseStats figures =
        stats.releases(name, ReleaseDates.of(served)).stream()
            .filter(s -> s.version().equals(release))
            .findFirst()
            .orElse(null);
    ReleaseRecord record = ReleaseRecord.of(editor, name, release);
    if (facts == null && figures == null && record.history().isEmpty()) {
      throw new FleetPageException(
          HttpStatus.NOT_FOUND,
          name
              + " "
              + release
              + " is neither served, nor reported by a site, nor in the audit log");
    }
    AdoptionChart chart = AdoptionChart.of(name, stats.adoption(name));
    Map<String, Object> model = FleetPage.model(reader, name + " " + release, "releases");
    model.put("release", ReleaseRow.of(facts, figures, chart.shares().total(), clock.instant()));
    model.put("facts", facts);
    model.put("record", record);
    model.put("chart", chart);
    return views.page(HttpStatus.OK, "fleet/release", model, request);
  }

  private FleetOverview overview(List<String> datasources) {
    List<ReleaseFacts> served = editor.view().releases();
    ReleaseDates dates = ReleaseDates.of(served);
    List<FleetOverview.Datasource> known = new ArrayList<>();
    for (String name : datasources) {
      known.add(
          new FleetOverview.Datasource(
              name,
              served.stream().filter(f -> f.datasource().equals(name)).toList(),
              stats.releases(name, dates),
              AdoptionChart.of(name, stats.adoption(name))));
    }
    return FleetOverview.of(known, clock.instant());
  }
}
