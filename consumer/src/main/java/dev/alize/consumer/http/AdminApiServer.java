package dev.alize.consumer.http;

import dev.alize.common.tls.ServerCertificate;
import dev.alize.common.tls.TlsException;
import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.app.ConsumerApplication;
import dev.alize.consumer.config.ConfigurationException;
import dev.alize.consumer.config.DataFolder;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.sync.StatusStore;
import dev.alize.consumer.sync.SyncScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin REST API of {@code serve}: the HTTP server of the process's application context, on the
 * configured address, over its services and the scheduler {@code serve} made; plain HTTP on
 * loopback, HTTPS beyond it (see {@link ApiTls}). Its settings come from the same configuration
 * file as the rest (environment variables such as {@code ALIZE_CONSUMER_API_PORT} override it);
 * Micronaut's settings it depends on (security, limits, JSON form) are fixed by {@link
 * ConsumerApplication}.
 */
public final class AdminApiServer implements AutoCloseable {

  /** Where the API's endpoints are. */
  public static final String BASE_PATH = "/api/v1";

  /** The largest request body accepted; larger ones are answered 413. */
  public static final long MAX_BODY_BYTES = 1024 * 1024;

  private final EmbeddedServer server;
  private final ApiSettings settings;
  private final ServerCertificate certificate;

  private AdminApiServer(
      EmbeddedServer server, ApiSettings settings, ServerCertificate certificate) {
    this.server = server;
    this.settings = settings;
    this.certificate = certificate;
  }

  /**
   * Starts the API in {@code context}, the process's application context, unless the configuration
   * disables it.
   *
   * @param base the folder the TLS files' relative paths are read from: the configuration file's
   * @return the running API, or empty when {@code alize.consumer.api.enabled} is false
   * @throws ConfigurationException when a setting of the API is wrong, naming its key
   * @throws ApiStartException when the server cannot listen, or cannot make its certificate in the
   *     data folder, with the reason for the operator
   */
  public static Optional<AdminApiServer> start(
      ApplicationContext context, ApiServices services, Path base) {
    String address = "the configured address";
    try {
      ApiSettings settings =
          ApiSettings.from(
              context.findBean(ApiProperties.class).orElse(ApiProperties.none()),
              context.getBeansOfType(AdminProperties.class),
              context.findBean(ApiTlsProperties.class).orElse(ApiTlsProperties.none()),
              base);
      if (!settings.enabled()) {
        return Optional.empty();
      }
      address = shown(settings.host()) + ":" + settings.port();
      checkHost(settings.host());
      // The wall clock rather than the context's: a made certificate must be valid on its clients'.
      ServerCertificate certificate =
          settings
              .tls()
              .certificate(context.getBean(DataFolder.class).tls(), Clock.systemUTC())
              .orElse(null);
      ConsumerApplication.fix(context, "alize-api-tls", tlsProperties(settings, certificate));
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
              context.getBean(AdminService.class),
              context.getBean(Database.class),
              services.statuses(),
              repositories,
              pending);
      context.registerSingleton(ConsumerMetrics.class, metrics);
      context.findBean(MeterRegistry.class).ifPresent(metrics::bindTo);
      EmbeddedServer server = context.getBean(EmbeddedServer.class);
      if (server.getScheme().equals("https") != (certificate != null)) {
        // Never a plain listener where HTTPS was chosen, whatever Micronaut made of its settings.
        throw new IllegalStateException(
            "the server's scheme is " + server.getScheme() + ", not what its settings chose");
      }
      server.start();
      return Optional.of(new AdminApiServer(server, settings, certificate));
    } catch (RuntimeException e) {
      throw failure(address, e);
    }
  }

  /**
   * Micronaut's TLS with {@code certificate}, as the publisher's server sets it up; off when it is
   * null, for plain HTTP.
   */
  private static Map<String, Object> tlsProperties(
      ApiSettings settings, ServerCertificate certificate) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("micronaut.server.ssl.enabled", certificate != null);
    if (certificate == null) {
      return properties;
    }
    // Without dual-protocol (fixed), the TLS listener is the only one; Netty picks a port for 0.
    properties.put("micronaut.server.ssl.port", settings.port());
    // Paths only: Micronaut reads the PEM files itself.
    properties.put(
        "micronaut.server.ssl.key-store.key-path",
        "file:" + certificate.keyFile().toAbsolutePath());
    properties.put(
        "micronaut.server.ssl.key-store.certificate-path",
        "file:" + certificate.certificateFile().toAbsolutePath());
    return properties;
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
      if (t instanceof TlsException) {
        // Its own message names the file and what to do; its cause's would not.
        return new ApiStartException(
            "cannot start the admin API on " + address + ": " + t.getMessage(), e);
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

  /** The API's base URL, as {@code http://127.0.0.1:8480/api/v1} or {@code https://...}. */
  public URI uri() {
    return URI.create(
        (certificate != null ? "https://" : "http://")
            + shown(settings.host())
            + ":"
            + port()
            + BASE_PATH);
  }

  /** The certificate the API serves with; empty for plain HTTP, on loopback. */
  public Optional<ServerCertificate> certificate() {
    return Optional.ofNullable(certificate);
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
