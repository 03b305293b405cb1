package dev.alize.consumer.http;

import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.store.ImportRun;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;

/** {@code GET /api/v1/imports}: the history of syncs, imports and rollbacks, newest first. */
@Controller("/api/v1/imports")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ImportController {

  private final AdminService admin;

  ImportController(AdminService admin) {
    this.admin = admin;
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  List<ImportRun> list(
      @Nullable @QueryValue String datasource, @Nullable @QueryValue String limit) {
    return admin.imports(
        ApiParameters.optionalDatasource("datasource", datasource), ApiParameters.limit(limit));
  }
}
