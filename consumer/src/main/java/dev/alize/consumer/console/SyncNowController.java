package dev.alize.consumer.console;

import dev.alize.consumer.admin.AdminException;
import dev.alize.consumer.http.ApiParameters;
import dev.alize.consumer.http.ConfiguredRepositories;
import dev.alize.consumer.sync.SyncScheduler;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs a repository now, as {@code POST /api/v1/repositories/NAME/sync} does, never at the same
 * time as its scheduled sync; the history then shows what it did.
 */
@Controller(ConsoleSessions.PATH + "/repositories")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class SyncNowController {

  private static final Logger LOG = LoggerFactory.getLogger(SyncNowController.class);

  private final SyncScheduler scheduler;
  private final ConfiguredRepositories repositories;

  SyncNowController(SyncScheduler scheduler, ConfiguredRepositories repositories) {
    this.scheduler = scheduler;
    this.repositories = repositories;
  }

  @Post(value = "/{name}/sync", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<?> sync(
      @PathVariable String name,
      @Nullable @Body(ConsoleForms.FIELD) String csrf,
      Authentication by) {
    ConsoleForms.check(by, csrf);
    if (!repositories.contains(name)) {
      throw new AdminException(
          AdminException.Reason.NOT_FOUND,
          "no repository '" + ApiParameters.shorten(name) + "' is configured");
    }
    LOG.info("{}: sync asked by admin {} in the console", name, by.getName());
    scheduler.syncNow(name);
    return HttpResponse.seeOther(
        UriBuilder.of(ConsoleSessions.PATH).path("history").queryParam("done", "synced").build());
  }
}
