package dev.alize.consumer.cli;

import dev.alize.common.verify.MetadataLimits;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.sync.ArchiveCheckingImporter;
import dev.alize.consumer.sync.Backoff;
import dev.alize.consumer.sync.StatusStore;
import dev.alize.consumer.sync.SyncScheduler;
import dev.alize.consumer.sync.SyncService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code serve}: every repository synced on its own schedule until stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Sync every configured repository on its own schedule until stopped.",
      "Each repository is synced every poll-interval, with jitter, sooner then less often",
      "after failures. Each sync prints its lines."
    })
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    ConsumerContext context = ConsumerContext.open(config);
    List<Subscription> subscriptions = context.subscriptions();
    StatusStore statuses = new StatusStore(context.dataDir());
    SyncService service =
        new SyncService(
            statuses,
            Fetchers::forSubscription,
            new ArchiveCheckingImporter(),
            Clock.systemUTC(),
            MetadataLimits.DEFAULT);
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
                lines.forEach(l -> out.println(now + " " + l));
                out.flush();
              }
            });
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  scheduler.close();
                  context.close();
                  stopped.countDown();
                }));
    scheduler.start();
    out.printf(
        "syncing %d repositor%s (%s); data in %s; stop with Ctrl-C%n",
        subscriptions.size(),
        subscriptions.size() == 1 ? "y" : "ies",
        String.join(", ", subscriptions.stream().map(Subscription::name).toList()),
        context.dataDir());
    out.flush();
    stopped.await();
    return 0;
  }
}
