package dev.alize.consumer.console;

import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.http.ConfiguredRepositories;
import dev.alize.consumer.http.PendingNotifications;
import dev.alize.consumer.store.ConflictStore;
import dev.alize.consumer.sync.StatusStore;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.Map;

/** The console's first page: what this site has, what it waits for and what needs an admin. */
@Controller(ConsoleSessions.PATH)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class OverviewController {

  private final AdminService admin;
  private final StatusStore statuses;
  private final ConfiguredRepositories repositories;
  private final PendingNotifications pending;
  private final ConsoleViews views;

  OverviewController(
      AdminService admin,
      StatusStore statuses,
      ConfiguredRepositories repositories,
      PendingNotifications pending,
      ConsoleViews views) {
    this.admin = admin;
    this.statuses = statuses;
    this.repositories = repositories;
    this.pending = pending;
    this.views = views;
  }

  @Get
  HttpResponse<String> overview(Authentication by, HttpRequest<?> request) {
    Map<String, Object> model = ConsolePage.model(by, "Overview", "overview");
    model.put(
        "overview",
        Overview.of(
            repositories.subscriptions(),
            statuses::read,
            admin.datasources(),
            admin.conflicts(ConflictStore.Status.OPEN),
            pending.count()));
    return views.page(HttpStatus.OK, "console/overview", model, request);
  }
}
