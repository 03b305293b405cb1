package dev.alize.consumer.console;

import dev.alize.common.version.SemanticVersion;
import dev.alize.consumer.admin.AdminException;
import dev.alize.consumer.http.ApiParameters;
import dev.alize.consumer.importer.RollbackService;
import dev.alize.consumer.store.InstalledDatasource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolling a datasource back, after a page that says which version it restores and that a pin
 * follows. The form carries the version it was confirmed from, so that a release imported in
 * between is not rolled back unseen.
 */
@Controller(ConsoleSessions.PATH + "/datasources")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class RollbackController {

  private static final Logger LOG = LoggerFactory.getLogger(RollbackController.class);

  private final RollbackService rollback;
  private final ConsoleViews views;

  RollbackController(RollbackService rollback, ConsoleViews views) {
    this.rollback = rollback;
    this.views = views;
  }

  @Get("/{name}/rollback")
  HttpResponse<String> confirm(
      @PathVariable String name, Authentication by, HttpRequest<?> request) {
    String checked = ApiParameters.datasource("name", name);
    InstalledDatasource datasource = rollback.check(checked);
    Map<String, Object> model = ConsolePage.model(by, "Roll back " + checked, "history");
    model.put("datasource", datasource);
    return views.page(HttpStatus.OK, "console/rollback", model, request);
  }

  @Post(value = "/{name}/rollback", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<?> rollback(
      @PathVariable String name,
      @Nullable @Body("from") String from,
      @Nullable @Body(ConsoleForms.FIELD) String csrf,
      Authentication by) {
    ConsoleForms.check(by, csrf);
    String checked = ApiParameters.datasource("name", name);
    SemanticVersion confirmed = ApiParameters.version("from", from == null ? "" : from);
    String current = rollback.check(checked).version();
    if (SemanticVersion.parse(current).compareTo(confirmed) != 0) {
      throw new AdminException(
          AdminException.Reason.CLASH,
          checked
              + " is at "
              + current
              + " now, not at "
              + confirmed
              + " as when the rollback was confirmed: look at what it would restore again");
    }
    LOG.info("{}: rollback asked by admin {} in the console", checked, by.getName());
    rollback.rollback(checked);
    return HttpResponse.seeOther(
        UriBuilder.of(ConsoleSessions.PATH)
            .path("history")
            .queryParam("datasource", checked)
            .queryParam("done", "rolled-back")
            .build());
  }
}
