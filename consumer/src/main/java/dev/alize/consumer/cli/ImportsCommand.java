package dev.alize.consumer.cli;

import dev.alize.common.text.Printable;
import dev.alize.consumer.store.ImportRun;
import dev.alize.consumer.sync.StatusStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code imports}: the history of syncs, imports and rollbacks. */
@Command(
    name = "imports",
    mixinStandardHelpOptions = true,
    description = "Show the history of syncs, imports and rollbacks, newest first.")
final class ImportsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DATASOURCE",
      description = "Only this datasource's runs (default: all).")
  String datasource;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "At most N runs, from 1 to " + Flags.MAX_LIMIT + " (default 50).")
  int limit = 50;

  @Mixin JsonOption json;

  @Override
  public Integer call() {
    int most = Flags.limit(spec, limit);
    try (ConsumerContext context = ConsumerContext.open(config.file())) {
      ConsumerServices services = context.services();
      List<ImportRun> runs = services.admin().imports(datasource, most);
      PrintWriter out = spec.commandLine().getOut();
      if (json.requested()) {
        out.println(StatusStore.toJson(runs));
      } else if (runs.isEmpty()) {
        out.println("no sync or import recorded yet");
      } else {
        runs.forEach(r -> out.println(Printable.escape(line(r))));
      }
      out.flush();
    }
    return 0;
  }

  private static String line(ImportRun r) {
    String what =
        r.kind().equals("sync")
            ? "sync of " + r.repository()
            : r.kind()
                + " "
                + r.datasource()
                + " "
                + (r.fromVersion() == null ? "(none)" : r.fromVersion())
                + " -> "
                + r.toVersion();
    String counts =
        r.kind().equals("sync") || !r.outcome().equals("success")
            ? ""
            : String.format(
                " (%d added, %d changed, %d removed, %d unchanged, %d withdrawn; conflicts %d"
                    + " raised, %d closed)",
                r.counts().added(),
                r.counts().changed(),
                r.counts().removed(),
                r.counts().unchanged(),
                r.counts().withdrawn(),
                r.conflictsRaised(),
                r.conflictsClosed());
    return String.format(
        "#%d %s %s: %s%s in %d ms%s",
        r.id(),
        r.startedAt(),
        what,
        r.outcome(),
        counts,
        r.durationMillis(),
        r.error() == null ? "" : ": " + r.error());
  }
}
