package dev.alize.publisher.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.version.SemanticVersion;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * What the repository serves, for people and scripts: public, like the signed metadata it is read
 * from.
 */
@Controller("/api/v1/datasources")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class DatasourceController {

  private final PublishingService service;

  DatasourceController(PublishingService service) {
    this.service = service;
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  ObjectNode datasources() {
    return ReleaseJson.view(service.view());
  }

  @Get(value = "/{name}/releases/{version}", produces = MediaType.APPLICATION_JSON)
  ObjectNode release(@PathVariable String name, @PathVariable String version) {
    ApiParameters.datasource(name);
    SemanticVersion v = ApiParameters.version(version);
    return service.view().releases().stream()
        .filter(f -> f.datasource().equals(name) && f.version().equals(v))
        .findFirst()
        .map(ReleaseJson::facts)
        .orElseThrow(
            () ->
                new ApiException(
                    HttpStatus.NOT_FOUND,
                    name + " " + v + " is not released in this repository (or was revoked)"));
  }
}
