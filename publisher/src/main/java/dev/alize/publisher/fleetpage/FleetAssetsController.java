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
 * The fleet page's style sheets, from the jar, never another site, to anyone: it holds no data. A
 * route of its own rather than a static resource, which the routes of {@code /fleet/NAME/VERSION}
 * would shadow.
 */
@Controller(FleetAssetsController.PATH)
@Secured(SecurityRule.IS_ANONYMOUS)
final class FleetAssetsController {

  static final String PATH = FleetSessions.PATH + "/assets";

  private final byte[] shared = read("/web/alize.css");
  private final byte[] own = read("/fleet/fleet.css");

  private static byte[] read(String resource) {
    try (InputStream in = FleetAssetsController.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource.substring(1) + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The style shared with the consumer's console. */
  @Get(value = "/alize.css", produces = "text/css;charset=utf-8")
  HttpResponse<byte[]> sharedCss() {
    return css(shared);
  }

  @Get(value = "/fleet.css", produces = "text/css;charset=utf-8")
  HttpResponse<byte[]> css() {
    return css(own);
  }

  private static HttpResponse<byte[]> css(byte[] sheet) {
    return HttpResponse.ok(sheet).header(HttpHeaders.CACHE_CONTROL, "max-age=3600");
  }
}
