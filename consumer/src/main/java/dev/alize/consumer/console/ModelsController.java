package dev.alize.consumer.console;

import dev.alize.common.conflict.ModelRef;
import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.http.ApiParameters;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.Map;

/** The upstream models in the console: browsed by datasource and release, and one in full. */
@Controller(ConsoleSessions.PATH + "/models")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ModelsController {

  private final AdminService admin;
  private final ConsoleViews views;

  ModelsController(AdminService admin, ConsoleViews views) {
    this.admin = admin;
    this.views = views;
  }

  @Get
  HttpResponse<String> list(
      Authentication by,
      @Nullable @QueryValue String datasource,
      @Nullable @QueryValue String release,
      HttpRequest<?> request) {
    String d = ApiParameters.optionalDatasource("datasource", datasource);
    String r =
        release == null || release.isEmpty() ? null : ApiParameters.release("release", release);
    Map<String, Object> model = ConsolePage.model(by, "Upstream models", "models");
    model.put("catalog", ModelCatalog.of(admin.models(null), d, r));
    return views.page(HttpStatus.OK, "console/models", model, request);
  }

  @Get("/{datasource}/{release}/{model}")
  HttpResponse<String> one(
      Authentication by,
      @PathVariable String datasource,
      @PathVariable String release,
      @PathVariable String model,
      HttpRequest<?> request) {
    ModelRef ref =
        new ModelRef(
            ApiParameters.datasource("datasource", datasource),
            ApiParameters.release("release", release),
            ApiParameters.model("model", model));
    Map<String, Object> page = ConsolePage.model(by, ref.toString(), "models");
    page.put("model", ModelView.of(admin.model(ref), admin.children()));
    return views.page(HttpStatus.OK, "console/model", page, request);
  }
}
