package dev.alize.consumer.cli;

import dev.alize.consumer.importer.ImportResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rollback NAME}: the previously imported release again, pinned. */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = {
      "Import again the release imported before the current one, from the local cache of"
          + " verified archives, and pin the datasource.",
      "The next sync does not bring the newer release back. A newer release, or 'consumer"
          + " approve', lifts the pin."
    })
final class RollbackCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Parameters(index = "0", paramLabel = "NAME", description = "The datasource.")
  String datasource;

  @Override
  public Integer call() {
    Progress.step(spec, "rolling back " + datasource);
    try (ConsumerContext context = ConsumerContext.open(config.file())) {
      ConsumerServices services = context.services();
      ImportResult r = services.rollback().rollback(datasource);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "rolled back %s %s -> %s: %d added, %d changed, %d removed; %d conflicts raised, %d"
              + " closed; pinned: releases up to %s are not imported again until approved%n",
          datasource,
          r.fromVersion(),
          r.toVersion(),
          r.counts().added(),
          r.counts().changed(),
          r.counts().removed(),
          r.conflicts().raised().size(),
          r.conflicts().closed().size(),
          r.fromVersion());
      out.flush();
      services.dispatcher().deliverPending(java.time.Duration.ofSeconds(20));
    }
    return 0;
  }
}
