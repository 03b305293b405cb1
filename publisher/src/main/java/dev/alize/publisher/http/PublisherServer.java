package dev.alize.publisher.http;

import dev.alize.common.tuf.TufTime;
import dev.alize.publisher.fleet.ReportIntake;
import dev.alize.publisher.keys.KeyDirectory;
import dev.alize.publisher.persistence.DatabaseException;
import dev.alize.publisher.persistence.FleetDatabase;
import dev.alize.publisher.repository.HumanRenewal;
import dev.alize.publisher.repository.HumanRenewals;
import dev.alize.publisher.repository.PublishException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.runtime.server.EmbeddedServer;
import io.netty.channel.unix.Errors;
import java.net.BindException;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * The running HTTPS server of the repository: one Micronaut application context, so that scheduled
 * jobs and further controllers are beans added beside the file controller.
 */
public final class PublisherServer implements AutoCloseable {

  private final ApplicationContext context;
  private final EmbeddedServer server;
  private final CountDownLatch closed = new CountDownLatch(1);

  private PublisherServer(ApplicationContext context, EmbeddedServer server) {
    this.context = context;
    this.server = server;
  }

  /**
   * Starts the application and its server.
   *
   * @throws ServerStartException when it cannot, with the reason for the operator
   * @throws dev.alize.common.config.ConfigurationFileException when the configuration file cannot
   *     be read
   */
  public static PublisherServer start(ServerSettings settings) {
    return start(settings, Clock.systemUTC());
  }

  /** As {@link #start(ServerSettings)}, with the clock the write API dates and signs by. */
  public static PublisherServer start(ServerSettings settings, Clock clock) {
    refuseAnExpiredRoot(settings, clock);
    String address = settings.host() + ":" + settings.port();
    ApplicationContextBuilder builder =
        ApplicationContext.builder()
            .banner(false)
            .deduceEnvironment(false)
            .properties(settings.properties());
    if (settings.configFile() != null) {
      builder.propertySources(ConfigurationFile.read(settings.configFile()));
    }
    ApplicationContext context = null;
    try {
      context = builder.build();
      context.registerSingleton(Clock.class, clock);
      context.start();
      FleetDatabase.open(context, FleetDatabase.settings(context, settings.configFile()));
      context.getBean(ReportIntake.class).refreshGauges();
      EmbeddedServer server = context.getBean(EmbeddedServer.class);
      server.start();
      return new PublisherServer(context, server);
    } catch (RuntimeException e) {
      if (context != null) {
        context.close();
      }
      throw new ServerStartException(message(address, e), e);
    }
  }

  /**
   * Every consumer refuses a repository whose newest root has expired: serving it would only hide
   * the fault behind their errors. A folder that is not a repository yet is served as it is.
   */
  private static void refuseAnExpiredRoot(ServerSettings settings, Clock clock) {
    HumanRenewal root;
    try {
      root =
          new HumanRenewals(settings.repoDir(), KeyDirectory.fromEnvironment(settings.keysDir()))
              .root();
    } catch (PublishException e) {
      return;
    }
    if (root.expiry().isExpired(clock.instant())) {
      throw new ServerStartException(
          "cannot serve "
              + settings.repoDir()
              + ": the root metadata "
              + root.expiry().file()
              + " expired on "
              + TufTime.format(root.expiry().expires())
              + ", and every consumer refuses an expired root; "
              + root.fix()
              + ", then start serve again",
          null);
    }
  }

  private static String message(String address, Throwable e) {
    if (e instanceof DatabaseException) {
      return "cannot start the HTTPS server on " + address + ": " + e.getMessage();
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      String reason = bindFailure(t);
      if (reason != null) {
        return "cannot listen on "
            + address
            + ": "
            + (reason.contains("in use") ? "the port is already in use" : reason);
      }
    }
    return "cannot start the HTTPS server on " + address + ": " + ConfigurationCheck.rootMessage(e);
  }

  /**
   * The reason of a failed bind, or null when {@code t} is no such failure: a BindException from
   * the JDK's transport, or from the epoll transport an exception such as "bind(..) failed with
   * error(-98): Address already in use".
   */
  private static String bindFailure(Throwable t) {
    if (t instanceof BindException) {
      return String.valueOf(t.getMessage());
    }
    String message = t.getMessage();
    if (t instanceof Errors.NativeIoException && message != null && message.startsWith("bind(")) {
      int reason = message.indexOf("): ");
      return reason < 0 ? message : message.substring(reason + 3);
    }
    return null;
  }

  /** The port the server listens on, the one picked when 0 was asked for. */
  public int port() {
    return server.getPort();
  }

  public URI uri() {
    return server.getURI();
  }

  public ApplicationContext context() {
    return context;
  }

  /** Blocks until {@link #close()}. */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  @Override
  public void close() {
    try {
      if (server.isRunning()) {
        server.stop();
      }
      if (context.isRunning()) {
        context.close();
      }
    } finally {
      closed.countDown();
    }
  }
}
