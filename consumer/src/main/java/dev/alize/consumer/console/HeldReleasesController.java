package dev.alize.consumer.console;

import dev.alize.common.version.SemanticVersion;
import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.config.ConfigurationException;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.http.ApiParameters;
import dev.alize.consumer.http.ConfiguredRepositories;
import dev.alize.consumer.sync.SyncService;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The releases held for approval: their list, the preview of one with its approval, and approving
 * or withdrawing an approval, as {@code consumer preview} and {@code consumer approve} do.
 */
@Controller(ConsoleSessions.PATH + "/held")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class HeldReleasesController {

  private static final Logger LOG = LoggerFactory.getLogger(HeldReleasesController.class);

  /** What the preview page says after an action, by the {@code done} its address carries. */
  private static final Map<String, String> NOTES =
      Map.of(
          "approved",
          "Approved: the next sync of its repository imports this release.",
          "withdrawn",
          "The approval is withdrawn: the next sync holds this release again.");

  private final AdminService admin;
  private final SyncService sync;
  private final ConfiguredRepositories repositories;
  private final ConsoleViews views;

  HeldReleasesController(
      AdminService admin,
      SyncService sync,
      ConfiguredRepositories repositories,
      ConsoleViews views) {
    this.admin = admin;
    this.sync = sync;
    this.repositories = repositories;
    this.views = views;
  }

  @Get
  HttpResponse<String> list(Authentication by, HttpRequest<?> request) {
    Map<String, Object> model = ConsolePage.model(by, "Held releases", "held");
    model.put("holds", Holds.of(admin.heldReleases(), admin.approvals()));
    return views.page(HttpStatus.OK, "console/held", model, request);
  }

  @Get("/{datasource}/{version}")
  HttpResponse<String> preview(
      @PathVariable String datasource,
      @PathVariable String version,
      @Nullable @QueryValue String done,
      Authentication by,
      HttpRequest<?> request) {
    String name = ApiParameters.datasource("datasource", datasource);
    SemanticVersion wanted = ApiParameters.version("version", version);
    Holds.Row held = Holds.row(admin.heldRelease(name, wanted), admin.approvals());
    Map<String, Object> model =
        ConsolePage.model(by, name + " " + wanted + ", held for approval", "held");
    model.put(
        "held",
        HeldPreview.of(
            held, () -> sync.preview(repository(held.repository()), name, wanted).result()));
    model.put("note", done == null ? null : NOTES.get(done));
    return views.page(HttpStatus.OK, "console/preview", model, request);
  }

  @Post(value = "/{datasource}/{version}/approve", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<?> approve(
      @PathVariable String datasource,
      @PathVariable String version,
      @Nullable @Body(ConsoleForms.FIELD) String csrf,
      Authentication by) {
    ConsoleForms.check(by, csrf);
    String name = ApiParameters.datasource("datasource", datasource);
    SemanticVersion approved = ApiParameters.version("version", version);
    admin.approveHeld(name, approved, by.getName());
    LOG.info("{} {} approved by {} in the console", name, approved, by.getName());
    return HttpResponse.seeOther(page(name, approved, "approved"));
  }

  @Post(
      value = "/{datasource}/{version}/withdraw",
      consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<?> withdraw(
      @PathVariable String datasource,
      @PathVariable String version,
      @Nullable @Body(ConsoleForms.FIELD) String csrf,
      Authentication by) {
    ConsoleForms.check(by, csrf);
    String name = ApiParameters.datasource("datasource", datasource);
    SemanticVersion withdrawn = ApiParameters.version("version", version);
    admin.withdrawApproval(name, withdrawn, by.getName());
    return HttpResponse.seeOther(page(name, withdrawn, "withdrawn"));
  }

  private Subscription repository(String name) {
    return repositories.subscriptions().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new ConfigurationException(
                    "the repository '" + name + "' it was held from is no longer configured"));
  }

  private static URI page(String datasource, SemanticVersion version, String done) {
    return UriBuilder.of(ConsoleSessions.PATH)
        .path("held")
        .path(datasource)
        .path(version.toString())
        .queryParam("done", done)
        .build();
  }
}
