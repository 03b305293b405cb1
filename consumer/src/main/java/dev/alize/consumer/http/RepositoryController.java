package dev.alize.consumer.http;

import dev.alize.consumer.sync.SyncLine;
import dev.alize.consumer.sync.SyncScheduler;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/repositories/{name}/sync}: syncs a repository now, never at the same time as
 * its scheduled sync, and answers the sync's lines.
 */
@Controller("/api/v1/repositories")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class RepositoryController {

  private static final Logger LOG = LoggerFactory.getLogger(RepositoryController.class);

  private final SyncScheduler scheduler;
  private final ConfiguredRepositories repositories;

  RepositoryController(SyncScheduler scheduler, ConfiguredRepositories repositories) {
    this.scheduler = scheduler;
    this.repositories = repositories;
  }

  @Post(value = "/{name}/sync", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  List<SyncLine> sync(@PathVariable String name, Authentication admin) {
    if (!repositories.contains(name)) {
      throw ApiException.notFound(
          "no repository '" + ApiParameters.shorten(name) + "' is configured");
    }
    LOG.info("{}: sync asked by admin {}", name, admin.getName());
    return scheduler.syncNow(name);
  }
}
