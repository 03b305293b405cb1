package dev.alize.consumer.console;

import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.http.ApiParameters;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.Map;

/** The history of syncs, imports and rollbacks, and the pins rollbacks left. */
@Controller(ConsoleSessions.PATH + "/history")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class HistoryController {

  /** What the page says after an action, by the {@code done} its address carries. */
  private static final Map<String, String> NOTES =
      Map.of(
          "rolled-back",
          "Rolled back: the rollback is the newest row below, and the datasource is pinned.",
          "synced",
          "Synced: what the sync did is in the newest rows below.");

  private final AdminService admin;
  private final ConsoleViews views;

  HistoryController(AdminService admin, ConsoleViews views) {
    this.admin = admin;
    this.views = views;
  }

  @Get
  HttpResponse<String> history(
      @Nullable @QueryValue String datasource,
      @Nullable @QueryValue String limit,
      @Nullable @QueryValue String done,
      Authentication by,
      HttpRequest<?> request) {
    String name = ApiParameters.optionalDatasource("datasource", datasource);
    int shown = ApiParameters.limit(limit);
    Map<String, Object> model = ConsolePage.model(by, "History", "history");
    model.put("history", History.of(name, shown, admin.datasources(), admin.imports(name, shown)));
    model.put("note", done == null ? null : NOTES.get(done));
    return views.page(HttpStatus.OK, "console/history", model, request);
  }
}
