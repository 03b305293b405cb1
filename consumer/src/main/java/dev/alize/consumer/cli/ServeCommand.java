package dev.alize.consumer.cli;

import dev.alize.common.text.Printable;
import dev.alize.common.tls.CertificateLines;
import dev.alize.consumer.app.ConsumerApplication;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.http.AdminApiServer;
import dev.alize.consumer.http.ApiServices;
import dev.alize.consumer.http.ApiStartException;
import dev.alize.consumer.notify.DeliveryRounds;
import dev.alize.consumer.report.ReportSender;
import dev.alize.consumer.retention.Pruner;
import dev.alize.consumer.sync.Backoff;
import dev.alize.consumer.sync.StatusStore;
import dev.alize.consumer.sync.SyncScheduler;
import dev.alize.consumer.sync.SyncService;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code serve}: every repository synced on its own schedule, and the admin API, until stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Sync every configured repository on its own schedule until stopped, and serve the admin"
          + " REST API (/api/v1) for the admins of the configuration file (see new-token).",
      "Each repository is synced every poll-interval, with jitter, sooner then less often"
          + " after failures. Each sync prints its lines.",
      "The API listens on alize.consumer.api.host:port (127.0.0.1:8480 by default), over plain"
          + " HTTP on loopback only: elsewhere over HTTPS, with the certificate of"
          + " alize.consumer.api.tls.certificate and .key, or one made for"
          + " alize.consumer.api.tls.names (its SHA-256 fingerprint printed). Set"
          + " alize.consumer.api.enabled to false to run without it. Exits 1 when it cannot"
          + " listen."
    })
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConsumerContext context = ConsumerContext.open(config.file(), ConsumerApplication.Role.SERVER);
    List<Subscription> subscriptions = context.subscriptions();
    StatusStore statuses = context.application().getBean(StatusStore.class);
    ConsumerServices services = context.services();
    Pruner pruner;
    String siteLabel;
    try {
      // Its settings are checked before anything starts.
      pruner = context.application().getBean(Pruner.class);
      siteLabel = context.siteLabel();
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
    SyncService service = services.sync();
    SyncScheduler scheduler =
        new SyncScheduler(
            subscriptions,
            service,
            statuses,
            Executors.newScheduledThreadPool(subscriptions.size()),
            Backoff.DEFAULT,
            new SplittableRandom(),
            Clock.systemUTC(),
            lines -> {
              synchronized (out) {
                Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                lines.forEach(l -> out.println(now + " " + Printable.escape(l.toString())));
                out.flush();
              }
            });
    AdminApiServer api;
    try {
      api =
          AdminApiServer.start(
                  context.application(),
                  new ApiServices(scheduler, statuses, subscriptions, services.dispatcher()),
                  context.base())
              .orElse(null);
    } catch (RuntimeException e) {
      scheduler.close();
      context.close();
      if (e instanceof ApiStartException) {
        err.println(e.getMessage());
        err.flush();
        return 1;
      }
      throw e;
    }
    ScheduledExecutorService notifier = Executors.newSingleThreadScheduledExecutor();
    new DeliveryRounds("notifications", services.dispatcher()::deliverDue, Clock.systemUTC())
        .start(notifier);
    // Reports wait on publishers: on a thread of their own, never holding up notifications.
    ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
    ReportSender reports = services.reports();
    new DeliveryRounds(
            "site reports", now -> reports.sendDue(subscriptions, siteLabel), Clock.systemUTC())
        .start(reporter);
    pruner.schedule(notifier);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // The API first: no request may start on services being closed.
                  if (api != null) {
                    api.close();
                  }
                  scheduler.close();
                  notifier.shutdownNow();
                  reporter.shutdownNow();
                  context.close();
                  stopped.countDown();
                }));
    scheduler.start();
    out.printf(
        "syncing %d repositor%s (%s); data in %s; %s; stop with Ctrl-C%n",
        subscriptions.size(),
        subscriptions.size() == 1 ? "y" : "ies",
        String.join(", ", subscriptions.stream().map(Subscription::name).toList()),
        context.dataDir(),
        api == null ? "admin API disabled" : "admin API on " + api.uri());
    if (api != null) {
      // For an operator to check it against what a browser shows.
      api.certificate().ifPresent(certificate -> CertificateLines.print(out, certificate));
    }
    out.flush();
    if (api != null && api.admins().isEmpty()) {
      err.println(
          "warning: no admin is configured, so the admin API refuses every request: run"
              + " 'consumer new-token NAME' and add the line it prints to "
              + config.shown());
      err.flush();
    }
    stopped.await();
    return 0;
  }
}
