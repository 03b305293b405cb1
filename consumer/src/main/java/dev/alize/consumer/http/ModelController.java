package dev.alize.consumer.http;

import dev.alize.common.conflict.ModelRef;
import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.store.ModelSummary;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;

/** The upstream server models: the list, and one with its effective variables and provenance. */
@Controller("/api/v1/models")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ModelController {

  private final AdminService admin;

  ModelController(AdminService admin) {
    this.admin = admin;
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  List<ModelSummary> list(@Nullable @QueryValue String datasource) {
    return admin.models(ApiParameters.optionalDatasource("datasource", datasource));
  }

  @Get(value = "/{datasource}/{release}/{model}", produces = MediaType.APPLICATION_JSON)
  ModelJson one(
      @PathVariable String datasource, @PathVariable String release, @PathVariable String model) {
    ModelRef ref =
        new ModelRef(
            ApiParameters.datasource("datasource", datasource),
            ApiParameters.release("release", release),
            ApiParameters.model("model", model));
    return ModelJson.of(admin.model(ref));
  }
}
