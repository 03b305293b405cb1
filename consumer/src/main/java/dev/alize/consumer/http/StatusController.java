package dev.alize.consumer.http;

import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.sync.StatusStore;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/** {@code GET /api/v1/status}: each repository's last syncs and each datasource's import. */
@Controller("/api/v1/status")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class StatusController {

  private final AdminService admin;
  private final StatusStore statuses;
  private final ConfiguredRepositories repositories;

  StatusController(AdminService admin, StatusStore statuses, ConfiguredRepositories repositories) {
    this.admin = admin;
    this.statuses = statuses;
    this.repositories = repositories;
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  StatusJson status() {
    return StatusJson.of(
        repositories.subscriptions(), statuses::read, admin.datasources(), admin.modelCounts());
  }
}
