package dev.alize.consumer.app;

import dev.alize.consumer.http.AdminApiServer;
import dev.alize.consumer.http.ApiSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of Micronaut that the consumer depends on, above every other property source: they
 * cannot be changed by the configuration file or the environment.
 */
final class FixedProperties {

  private FixedProperties() {}

  static Map<String, Object> of(ConsumerApplication.Role role) {
    Map<String, Object> p = new LinkedHashMap<>();
    // The HTTP server, its security and its endpoints are the server's: a command that reads the
    // database would only pay for them at start.
    boolean server = role == ConsumerApplication.Role.SERVER;
    p.put("micronaut.application.name", "alize-consumer");
    // The server's address is the API's, through placeholders: its keys are checked before the
    // server starts.
    p.put("micronaut.server.host", "${alize.consumer.api.host:" + ApiSettings.DEFAULT_HOST + "}");
    p.put("micronaut.server.port", "${alize.consumer.api.port:" + ApiSettings.DEFAULT_PORT + "}");
    p.put("micronaut.server.max-request-size", AdminApiServer.MAX_BODY_BYTES);
    // One listener, never a plain one beside TLS, and never a certificate Micronaut would make
    // itself. Micronaut decides as the context starts which of its TLS beans exist, from the
    // properties there then, before the admin API's settings are read: in the server's context TLS
    // is on and the PEM paths are there, empty, so that they do. The admin API then turns TLS off
    // for plain HTTP, or gives the paths of its certificate, before its server is made (ApiTls);
    // a server left as it starts would fail to listen rather than answer in plain HTTP.
    p.put("micronaut.server.dual-protocol", false);
    p.put("micronaut.server.ssl.enabled", server);
    p.put("micronaut.server.ssl.build-self-signed", false);
    if (server) {
      p.put("micronaut.server.ssl.key-store.key-path", "");
      p.put("micronaut.server.ssl.key-store.certificate-path", "");
    }
    // Bearer tokens only, checked by hash. No basic auth, no token cookie (a browser could be made
    // to send it), no login page or redirect.
    p.put("micronaut.security.enabled", server);
    p.put("micronaut.security.basic-auth.enabled", false);
    p.put("micronaut.security.token.cookie.enabled", false);
    p.put("micronaut.security.redirect.enabled", false);
    // The console's style sheet and script come from the jar, to anyone: they hold no data.
    p.put("micronaut.router.static-resources.console.enabled", server);
    // The shared style comes from common's jar, the console's own from this one.
    p.put(
        "micronaut.router.static-resources.console.paths",
        List.of("classpath:console/assets", "classpath:web"));
    p.put("micronaut.router.static-resources.console.mapping", "/console/assets/**");
    p.put(
        "micronaut.security.intercept-url-map",
        List.of(
            Map.of(
                "pattern", "/console/assets/**",
                "http-method", "GET",
                "access", List.of("isAnonymous()"))));
    // A path no route serves is answered 404 (or 405), as before security: it has nothing to
    // protect.
    p.put("micronaut.security.reject-not-found", false);
    // /health for probes, anonymous and without details, and /prometheus for scrapers, anonymous
    // and read-only, as the publisher's; no other management endpoint.
    p.put("endpoints.all.enabled", false);
    p.put("endpoints.health.enabled", server);
    p.put("endpoints.health.sensitive", false);
    p.put("endpoints.health.details-visible", "NEVER");
    p.put("micronaut.health.monitor.enabled", false);
    p.put("endpoints.prometheus.enabled", server);
    p.put("endpoints.prometheus.sensitive", false);
    // Metrics are the server's too.
    p.put("micronaut.metrics.enabled", server);
    p.put("micronaut.metrics.export.prometheus.enabled", server);
    p.put("micronaut.metrics.export.prometheus.descriptions", true);
    // Pool figures are the database's business, not the API's.
    p.put("micronaut.metrics.binders.jdbc.enabled", false);
    // A port in use is told once, by the ApiStartException, not logged besides.
    p.put("logger.levels.io.micronaut.http.server.netty.NettyHttpServer", "OFF");
    // Every field of every answer, null or not; instants as ISO-8601 text.
    p.put("jackson.serialization-inclusion", "always");
    p.put("jackson.serialization.writeDatesAsTimestamps", false);
    // Bodies are read by Jackson as records, strictly (see StrictJsonBodies), and then validated;
    // Micronaut's introspection module would read them its own way, laxer.
    p.put("jackson.bean-introspection-module", false);
    return p;
  }
}
