package dev.alize.consumer.http;

import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.config.ConfigurationException;
import dev.alize.consumer.config.ConfigurationFile;
import dev.alize.consumer.importer.RollbackService;
import dev.alize.consumer.sync.Importer;
import dev.alize.consumer.sync.StatusStore;
import dev.alize.consumer.sync.SyncScheduler;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin REST API of {@code serve}: one Micronaut application context over the services {@code
 * serve} made, with an HTTP server on the configured address. Its settings come from the same
 * configuration file as the rest (environment variables such as {@code ALIZE_CONSUMER_API_PORT}
 * override it); what this class sets (security, limits, JSON form) cannot be changed there.
 */
public final class AdminApiServer implements AutoCloseable {

  /** Where the API's endpoints are. */
  public static final String BASE_PATH = "/api/v1";

  /** The largest request body accepted; larger ones are answered 413. */
  public static final long MAX_BODY_BYTES = 1024 * 1024;

  /** Above every other property source: the file, the environment, system properties. */
  private static final int FIXED_POSITION = 10_000;

  private final ApplicationContext context;
  private final EmbeddedServer server;
  private final ApiSettings settings;

  private AdminApiServer(ApplicationContext context, EmbeddedServer server, ApiSettings settings) {
    this.context = context;
    this.server = server;
    this.settings = settings;
  }

  /**
   * Starts the API, unless the configuration disables it.
   *
   * @return the running API, or empty when {@code alize.consumer.api.enabled} is false
   * @throws ConfigurationException when a setting of the API is wrong, naming its key
   * @throws ApiStartException when the server cannot listen, with the reason for the operator
   */
  public static Optional<AdminApiServer> start(Path configFile, ApiServices services) {
    ApplicationContext context =
        ApplicationContext.builder()
            .banner(false)
            .deduceEnvironment(false)
            .propertySources(
                ConfigurationFile.read(configFile),
                PropertySource.of("alize-consumer-api", fixedProperties(), FIXED_POSITION))
            .build();
    context.registerSingleton(AdminService.class, services.admin());
    context.registerSingleton(RollbackService.class, services.rollback());
    context.registerSingleton(SyncScheduler.class, services.scheduler());
    context.registerSingleton(StatusStore.class, services.statuses());
    context.registerSingleton(Importer.class, services.importer());
    context.registerSingleton(
        ConfiguredRepositories.class, new ConfiguredRepositories(services.subscriptions()));
    context.registerSingleton(
        PendingNotifications.class, new PendingNotifications(services.dispatcher()));
    String address = "the configured address";
    try {
      context.start();
      ApiSettings settings =
          ApiSettings.from(
              context.findBean(ApiProperties.class).orElse(ApiProperties.none()),
              context.getBeansOfType(AdminProperties.class));
      if (!settings.enabled()) {
        context.close();
        return Optional.empty();
      }
      address = shown(settings.host()) + ":" + settings.port();
      checkHost(settings.host());
      context.registerSingleton(AdminTokens.class, settings.admins());
      EmbeddedServer server = context.getBean(EmbeddedServer.class);
      server.start();
      return Optional.of(new AdminApiServer(context, server, settings));
    } catch (RuntimeException e) {
      if (context.isRunning()) {
        context.close();
      }
      throw failure(address, e);
    }
  }

  /**
   * Settings of Micronaut that the API depends on. The server's address is the API's, through
   * placeholders: its keys are checked before the server starts.
   */
  private static Map<String, Object> fixedProperties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("micronaut.application.name", "alize-consumer");
    p.put("micronaut.server.host", "${alize.consumer.api.host:" + ApiSettings.DEFAULT_HOST + "}");
    p.put("micronaut.server.port", "${alize.consumer.api.port:" + ApiSettings.DEFAULT_PORT + "}");
    p.put("micronaut.server.max-request-size", MAX_BODY_BYTES);
    // Bearer tokens only, checked by hash. No basic auth, no token cookie (a browser could be made
    // to send it), no login page or redirect.
    p.put("micronaut.security.enabled", true);
    p.put("micronaut.security.basic-auth.enabled", false);
    p.put("micronaut.security.token.cookie.enabled", false);
    p.put("micronaut.security.redirect.enabled", false);
    // A path no route serves is answered 404 (or 405), as before security: it has nothing to
    // protect.
    p.put("micronaut.security.reject-not-found", false);
    // /health for probes, anonymous and without details, and /prometheus for scrapers, anonymous
    // and read-only, as the publisher's; no other management endpoint.
    p.put("endpoints.all.enabled", false);
    p.put("endpoints.health.enabled", true);
    p.put("endpoints.health.sensitive", false);
    p.put("endpoints.health.details-visible", "NEVER");
    p.put("micronaut.health.monitor.enabled", false);
    p.put("endpoints.prometheus.enabled", true);
    p.put("endpoints.prometheus.sensitive", false);
    p.put("micronaut.metrics.enabled", true);
    p.put("micronaut.metrics.export.prometheus.enabled", true);
    p.put("micronaut.metrics.export.prometheus.descriptions", true);
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

  private static void checkHost(String host) {
    try {
      InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new ConfigurationException(
          "alize.consumer.api.host: unknown host '" + host + "': write an address, as 127.0.0.1");
    }
  }

  private static RuntimeException failure(String address, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConfigurationException c) {
        return c;
      }
      if (t instanceof BindException) {
        String reason = String.valueOf(t.getMessage());
        return new ApiStartException(
            "cannot start the admin API on "
                + address
                + ": "
                + (reason.contains("in use") ? "the port is already in use" : reason),
            e);
      }
    }
    return new ApiStartException(
        "cannot start the admin API on " + address + ": " + rootMessage(e), e);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() != null ? root.getMessage() : root.getClass().getName();
    return message.strip().lines().findFirst().orElse("");
  }

  private static String shown(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** The port the API listens on: the one picked when 0 was asked for. */
  public int port() {
    return server.getPort();
  }

  /** The API's base URL, as {@code http://127.0.0.1:8480/api/v1}. */
  public URI uri() {
    return URI.create("http://" + shown(settings.host()) + ":" + port() + BASE_PATH);
  }

  /** The configured admins' names; none means that every request is refused. */
  public List<String> admins() {
    return settings.admins().names();
  }

  @Override
  public void close() {
    try {
      if (server.isRunning()) {
        server.stop();
      }
    } finally {
      if (context.isRunning()) {
        context.close();
      }
    }
  }
}
