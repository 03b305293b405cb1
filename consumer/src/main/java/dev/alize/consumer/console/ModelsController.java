package dev.alize.consumer.console;

import dev.alize.common.conflict.ModelRef;
import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.http.ApiParameters;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.View;
import java.util.Map;

/** The upstream models in the console: browsed by datasource and release, and one in full. */
@Controller(ConsoleSessions.PATH + "/models")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ModelsController {

  private final AdminService admin;

  ModelsController(AdminService admin) {
    this.admin = admin;
  }

  @Get
  @View("console/models")
  Map<String, Object> list(
      Authentication by,
      @Nullable @QueryValue String datasource,
      @Nullable @QueryValue String release) {
    String d = ApiParameters.optionalDatasource("datasource", datasource);
    String r =
        release == null || release.isEmpty() ? null : ApiParameters.release("release", release);
    Map<String, Object> model = ConsolePage.model(by, "Upstream models", "models");
    model.put("catalog", ModelCatalog.of(admin.models(null), d, r));
    return model;
  }

  @Get("/{datasource}/{release}/{model}")
  @View("console/model")
  Map<String, Object> one(
      Authentication by,
      @PathVariable String datasource,
      @PathVariable String release,
      @PathVariable String model) {
    ModelRef ref =
        new ModelRef(
            ApiParameters.datasource("datasource", datasource),
            ApiParameters.release("release", release),
            ApiParameters.model("model", model));
    Map<String, Object> page = ConsolePage.model(by, ref.toString(), "models");
    page.put("model", ModelView.of(admin.model(ref), admin.children()));
    return page;
  }
}
