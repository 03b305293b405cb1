package dev.alize.consumer.http;

import dev.alize.consumer.importer.ImportResult;
import dev.alize.consumer.importer.RollbackService;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/datasources/{name}/rollback}: restores the release imported before the
 * current one, and pins the datasource so that the next sync does not bring the newer one back.
 */
@Controller("/api/v1/datasources")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class DatasourceController {

  private static final Logger LOG = LoggerFactory.getLogger(DatasourceController.class);

  private final RollbackService rollback;

  DatasourceController(RollbackService rollback) {
    this.rollback = rollback;
  }

  @Post(value = "/{name}/rollback", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  ImportResult rollback(@PathVariable String name, Authentication admin) {
    String checked = ApiParameters.datasource("name", name);
    LOG.info("{}: rollback asked by admin {}", checked, admin.getName());
    return rollback.rollback(checked);
  }
}
