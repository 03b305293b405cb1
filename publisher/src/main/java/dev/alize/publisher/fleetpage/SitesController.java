package dev.alize.publisher.fleetpage;

import dev.alize.common.fleet.StalePeriod;
import dev.alize.publisher.fleet.FleetStats;
import dev.alize.publisher.fleet.SiteDetail;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The sites: when each was last seen and what it runs, those not seen lately, and one site. */
@Controller(SitesController.PATH)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class SitesController {

  static final String PATH = FleetSessions.PATH + "/sites";

  private final FleetStats stats;
  private final FleetViews views;

  SitesController(FleetStats stats, FleetViews views) {
    this.stats = stats;
    this.views = views;
  }

  @Get(produces = MediaType.TEXT_HTML)
  HttpResponse<String> sites(
      @Nullable @QueryValue String stale, Authentication by, HttpRequest<?> request) {
    Maintainer reader = Maintainer.of(by);
    Duration period = FleetParameters.stale(stale);
    List<SiteRow> sites = SiteRow.visible(stats.allSites(period), reader);
    Map<String, Object> model = FleetPage.model(reader, "Sites", "sites");
    model.put("stale", stale == null || stale.isEmpty() ? "1d" : stale);
    model.put("sites", sites);
    model.put("notSeen", sites.stream().filter(SiteRow::stale).toList());
    model.put("datasources", reader.datasources());
    return views.page(HttpStatus.OK, "fleet/sites", model, request);
  }

  @Get(value = "/{site}", produces = MediaType.TEXT_HTML)
  HttpResponse<String> site(@PathVariable String site, Authentication by, HttpRequest<?> request) {
    Maintainer reader = Maintainer.of(by);
    List<SiteDetail> found =
        stats.sites(FleetParameters.site(site), StalePeriod.DEFAULT).stream()
            .filter(d -> SiteRow.visible(d.summary(), reader))
            .toList();
    if (found.isEmpty()) {
      // The same words whether the site exists and reports other datasources only, or not.
      throw new FleetPageException(
          HttpStatus.NOT_FOUND,
          "no site with that identity or label reports the datasources of token " + reader.name());
    }
    Map<String, Object> model =
        FleetPage.model(
            reader, found.size() == 1 ? found.get(0).summary().label() : "Sites", "sites");
    model.put("sites", found.stream().map(d -> SiteView.of(d, reader)).toList());
    return views.page(HttpStatus.OK, "fleet/site", model, request);
  }
}
