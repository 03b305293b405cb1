package dev.alize.consumer.cli;

import dev.alize.common.text.Printable;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.sync.SyncLine;
import dev.alize.consumer.sync.SyncService;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sync --once}: every repository now, one line per datasource. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Sync every configured repository now.",
      "Verifies its signed metadata, then downloads and imports the releases the policy"
          + " chooses. Prints one line per datasource; exits 0 only when none failed."
    })
final class SyncCommand implements Callable<Integer> {

  /** How long a one-off sync retries notifications that fail before leaving them queued. */
  private static final Duration NOTIFY_WAIT = Duration.ofSeconds(20);

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Option(names = "--once", required = true, description = "Sync once and exit.")
  boolean once;

  @Override
  public Integer call() {
    Progress.step(spec, "opening the database of " + config.shown());
    try (ConsumerContext context = ConsumerContext.open(config.file())) {
      ConsumerServices services = context.services();
      SyncService service = services.sync();
      List<SyncLine> lines = new ArrayList<>();
      List<Subscription> subscriptions = context.subscriptions();
      for (Subscription subscription : subscriptions) {
        Progress.step(spec, "syncing " + subscription.name());
        lines.addAll(service.sync(subscription));
      }
      PrintWriter out = spec.commandLine().getOut();
      lines.forEach(l -> out.println(Printable.escape(l.toString())));
      out.flush();
      // Committed imports queued notifications: deliver them now; what fails stays queued.
      services.dispatcher().deliverPending(NOTIFY_WAIT);
      // One attempt at each report due; what fails leaves with the next sync or serve.
      services.reports().sendDue(subscriptions, context.siteLabel());
      return lines.stream().anyMatch(l -> l.outcome() == SyncLine.Outcome.FAILED) ? 1 : 0;
    }
  }
}
