package dev.alize.consumer.http;

import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.config.ConfigurationException;
import dev.alize.consumer.sync.StatusStore;
import dev.alize.consumer.sync.SyncScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The admin REST API of {@code serve}: the HTTP server of the process's application context, on the
 * configured address, over its services and the scheduler {@code serve} made. Its settings come
 * from the same configuration file as the rest (environment variables such as {@code
 * ALIZE_CONSUMER_API_PORT} override it); Micronaut's settings it depends on (security, limits, JSON
 * form) are fixed by {@link dev.alize.consumer.app.ConsumerApplication}.
 */
public final class AdminApiServer implements AutoCloseable {

  /** Where the API's endpoints are. */
  public static final String BASE_PATH = "/api/v1";

  /** The largest request body accepted; larger ones are answered 413. */
  public static final long MAX_BODY_BYTES = 1024 * 1024;

  private final EmbeddedServer server;
  private final ApiSettings settings;

  private AdminApiServer(EmbeddedServer server, ApiSettings settings) {
    this.server = server;
    this.settings = settings;
  }

  /**
   * Starts the API in {@code context}, the process's application context, unless the configuration
   * disables it.
   *
   * @return the running API, or empty when {@code alize.consumer.api.enabled} is false
   * @throws ConfigurationException when a setting of the API is wrong, naming its key
   * @throws ApiStartException when the server cannot listen, with the reason for the operator
   */
  public static Optional<AdminApiServer> start(ApplicationContext context, ApiServices services) {
    String address = "the configured address";
    try {
      ApiSettings settings =
          ApiSettings.from(
              context.findBean(ApiProperties.class).orElse(ApiProperties.none()),
              context.getBeansOfType(AdminProperties.class));
      if (!settings.enabled()) {
        return Optional.empty();
      }
      address = shown(settings.host()) + ":" + settings.port();
      checkHost(settings.host());
      context.registerSingleton(SyncScheduler.class, services.scheduler());
      context.registerSingleton(StatusStore.class, services.statuses());
      ConfiguredRepositories repositories = new ConfiguredRepositories(services.subscriptions());
      PendingNotifications pending = new PendingNotifications(services.dispatcher());
      context.registerSingleton(ConfiguredRepositories.class, repositories);
      context.registerSingleton(PendingNotifications.class, pending);
      context.registerSingleton(AdminTokens.class, settings.admins());
      // The gauges read what serve made: bound once it is there, not when the registry is made.
      ConsumerMetrics metrics =
          new ConsumerMetrics(
              context.getBean(AdminService.class), services.statuses(), repositories, pending);
      context.registerSingleton(ConsumerMetrics.class, metrics);
      context.findBean(MeterRegistry.class).ifPresent(metrics::bindTo);
      EmbeddedServer server = context.getBean(EmbeddedServer.class);
      server.start();
      return Optional.of(new AdminApiServer(server, settings));
    } catch (RuntimeException e) {
      throw failure(address, e);
    }
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
    if (server.isRunning()) {
      server.stop();
    }
  }
}
