package dev.alize.consumer.console;

import io.micronaut.context.annotation.Requires;
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

/**
 * A console page whose template fails to render, as a console controller renders its pages. Only in
 * the contexts of {@link ConsoleBrokenTemplateTest}, so that no other test sees its route.
 */
@Controller(BrokenPageController.PATH)
@Requires(property = BrokenPageController.ENABLED, value = "true")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class BrokenPageController {

  static final String PATH = ConsoleSessions.PATH + "/broken";
  static final String VIEW = "console/broken";

  /** Outside alize.consumer, whose keys the configuration's check knows all. */
  static final String ENABLED = "alize-test.console.broken-page";

  private final ConsoleViews views;

  BrokenPageController(ConsoleViews views) {
    this.views = views;
  }

  @Get
  HttpResponse<String> page(Authentication by, HttpRequest<?> request) {
    return views.page(HttpStatus.OK, VIEW, ConsolePage.model(by, "Broken", "overview"), request);
  }
}
