package dev.alize.consumer.cli;

import dev.alize.common.text.Printable;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.store.InstalledDatasource;
import dev.alize.consumer.sync.RepositoryStatus;
import dev.alize.consumer.sync.StatusStore;
import dev.alize.consumer.sync.SyncWarnings;
import dev.alize.consumer.update.MetadataStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code status}: what the last syncs left, without syncing. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show each repository's last success and error, what to act on before the site stops"
            + " taking updates, and each datasource's installed and held versions.")
final class StatusCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Mixin JsonOption json;

  @Override
  public Integer call() {
    try (ConsumerContext context = ConsumerContext.open(config.file())) {
      ConsumerServices services = context.services();
      StatusStore store = context.application().getBean(StatusStore.class);
      Instant now = context.application().getBean(Clock.class).instant();
      Map<String, RepositoryStatus> all = new LinkedHashMap<>();
      for (Subscription s : context.subscriptions()) {
        RepositoryStatus status = store.read(s.name());
        // Found again now: time may have passed since the last poll, with serve stopped.
        status.warnings =
            SyncWarnings.of(
                s,
                status,
                SyncWarnings.expiries(new MetadataStore(store.folder().metadata(s.name()))),
                now);
        all.put(s.name(), status);
      }
      // What is imported is the database's word, whichever replica imported it.
      Map<String, Integer> counts = services.admin().modelCounts();
      for (InstalledDatasource d : services.admin().datasources()) {
        RepositoryStatus status = all.get(d.repository());
        if (status != null && d.version() != null) {
          RepositoryStatus.DatasourceStatus ds = status.datasource(d.name());
          ds.installed = d.version();
          ds.models = counts.getOrDefault(d.name(), 0);
          ds.pinnedBelow = d.pinnedBelow();
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json.requested()) {
        out.println(StatusStore.toJson(all));
      } else {
        all.forEach((name, status) -> print(out, name, status));
      }
      out.flush();
      return 0;
    }
  }

  private static void print(PrintWriter out, String name, RepositoryStatus s) {
    out.printf(
        "%s: last success %s, last attempt %s, next attempt %s%s%n",
        Printable.args(
            name,
            s.lastSuccess == null ? "never" : s.lastSuccess,
            s.lastAttempt == null ? "never" : s.lastAttempt,
            s.nextAttempt == null ? "when serve runs" : s.nextAttempt,
            s.lastError == null ? "" : ", last error: " + s.lastError));
    s.warnings.forEach(w -> out.printf("  warning: %s%n", Printable.args(w.message())));
    s.badMirrors.forEach(
        (url, why) -> out.printf("  mirror %s misbehaved: %s%n", Printable.args(url, why)));
    s.datasources.forEach(
        (ds, d) ->
            out.printf(
                "  %s: installed %s%s%s%s%s%s%s%s%n",
                Printable.args(
                    ds,
                    d.installed == null ? "none" : d.installed,
                    d.models == null ? "" : " (" + d.models + " models)",
                    d.pinnedBelow == null
                        ? ""
                        : ", pinned by a rollback from " + d.pinnedBelow + " until approved",
                    d.held == null ? "" : ", held " + d.held + ": " + d.heldReason,
                    d.deprecation == null ? "" : ", deprecated: " + d.deprecation,
                    d.rejection == null ? "" : ", rejected: " + d.rejection,
                    d.waiting == null ? "" : ", waiting for " + d.waiting + ": " + d.waitingReason,
                    d.halted == null ? "" : ", " + d.halted)));
  }
}
