package dev.alize.publisher.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.fleet.StalePeriod;
import dev.alize.publisher.fleet.FleetJson;
import dev.alize.publisher.fleet.FleetStats;
import dev.alize.publisher.fleet.ReleaseDates;
import dev.alize.publisher.fleet.ReleaseRecord;
import dev.alize.publisher.repository.RepositoryEditor;
import io.micronaut.core.annotation.Nullable;
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

/**
 * The fleet's statistics, as {@code publisher stats --json} prints them, to a token configured for
 * the datasources asked about: they tell versions and counts, never a site's secret.
 */
@Controller("/api/v1/stats")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class StatsController {

  private final FleetStats stats;
  private final RepositoryEditor editor;

  StatsController(FleetStats stats, RepositoryEditor editor) {
    this.stats = stats;
    this.editor = editor;
  }

  /** The whole fleet, to a token configured for every datasource some site reports. */
  @Get(produces = MediaType.APPLICATION_JSON)
  ObjectNode all(@Nullable @QueryValue String stale, Authentication authentication) {
    ObjectNode answer = answer(null, null, stale);
    answer
        .path("releases")
        .forEach(
            r -> {
              String datasource = r.path("datasource").asText();
              if (!DatasourceAccess.allows(authentication, datasource)) {
                throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    ApiToken.actor(authentication.getName())
                        + " may not read the statistics of datasource "
                        + datasource
                        + ": ask for /api/v1/stats/NAME of its own datasources");
              }
            });
    return answer;
  }

  @Get(value = "/{name}", produces = MediaType.APPLICATION_JSON)
  ObjectNode datasource(
      @PathVariable String name,
      @Nullable @QueryValue String stale,
      Authentication authentication) {
    DatasourceAccess.requireRead(authentication, ApiParameters.datasource(name));
    return answer(name, null, stale);
  }

  @Get(value = "/{name}/{version}", produces = MediaType.APPLICATION_JSON)
  ObjectNode release(
      @PathVariable String name,
      @PathVariable String version,
      @Nullable @QueryValue String stale,
      Authentication authentication) {
    DatasourceAccess.requireRead(authentication, ApiParameters.datasource(name));
    String release = ApiParameters.version(version).toString();
    ObjectNode answer = answer(ApiParameters.datasource(name), release, stale);
    answer.set("record", ReleaseRecord.of(editor, name, release).toJson());
    return answer;
  }

  private ObjectNode answer(String datasource, String version, String stale) {
    Duration period =
        StalePeriod.find(stale)
            .orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST, StalePeriod.RULE));
    return FleetJson.of(
        stats.report(datasource, version, period, ReleaseDates.of(editor.view().releases())));
  }
}
