package dev.alize.publisher.fleetpage;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The fleet page's style sheet, from the jar, never another site, to anyone: it holds no data. A
 * route of its own rather than a static resource, which the routes of {@code /fleet/NAME/VERSION}
 * would shadow.
 */
@Controller(FleetAssetsController.PATH)
@Secured(SecurityRule.IS_ANONYMOUS)
final class FleetAssetsController {

  static final String PATH = FleetSessions.PATH + "/assets";

  private final byte[] css;

  FleetAssetsController() {
    try (InputStream in = FleetAssetsController.class.getResourceAsStream("/fleet/fleet.css")) {
      if (in == null) {
        throw new IllegalStateException("fleet/fleet.css is missing from the jar");
      }
      this.css = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Get(value = "/fleet.css", produces = "text/css;charset=utf-8")
  HttpResponse<byte[]> css() {
    return HttpResponse.ok(css).header(HttpHeaders.CACHE_CONTROL, "max-age=3600");
  }
}
