package dev.alize.consumer.cli;

import dev.alize.common.text.Printable;
import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.store.ConflictStore;
import dev.alize.consumer.store.StoredConflict;
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

/** {@code conflicts}: list conflicts, acknowledge or resolve one. */
@Command(
    name = "conflicts",
    mixinStandardHelpOptions = true,
    description = {
      "List the conflicts between upstream changes and child models, worst first.",
      "'conflicts acknowledge ID' and 'conflicts resolve ID' record an admin's review."
    },
    subcommands = {ConflictsCommand.Acknowledge.class, ConflictsCommand.Resolve.class})
final class ConflictsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      description = "open (the default), acknowledged, resolved or all.")
  String status = "open";

  @Mixin JsonOption json;

  @Override
  public Integer call() {
    ConflictStore.Status filter = Flags.conflictStatus(spec, status);
    try (ConsumerContext context = ConsumerContext.open(config.file())) {
      ConsumerServices services = context.services();
      List<StoredConflict> conflicts = services.admin().conflicts(filter);
      PrintWriter out = spec.commandLine().getOut();
      if (json.requested()) {
        out.println(StatusStore.toJson(conflicts));
      } else if (conflicts.isEmpty()) {
        out.println("no " + (filter == ConflictStore.Status.ALL ? "" : status + " ") + "conflict");
      } else {
        conflicts.forEach(c -> print(out, c));
      }
      out.flush();
    }
    return 0;
  }

  static void print(PrintWriter out, StoredConflict c) {
    out.printf(
        "#%d %s %s %s: %s [%s, raised by %s %s]%n",
        Printable.args(
            c.id(),
            c.severity(),
            c.kind(),
            c.child(),
            c.message(),
            c.status(),
            c.datasource(),
            c.raisedVersion()));
    c.details().forEach((k, v) -> out.printf("    %s: %s%n", Printable.args(k, v)));
    if (c.comment() != null) {
      out.printf(
          "    comment%s: %s%n",
          Printable.args(
              c.statusChangedBy() == null ? "" : " by " + c.statusChangedBy(), c.comment()));
    }
    if (c.closedVersion() != null) {
      out.printf("    cause gone in %s %s%n", Printable.args(c.datasource(), c.closedVersion()));
    }
  }

  /** An admin's review of one conflict: its id and comment, and what the review does. */
  abstract static class Review implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ConfigOption config;

    @Parameters(index = "0", paramLabel = "ID", description = "The conflict's number, as listed.")
    long id;

    @Option(
        names = "--comment",
        paramLabel = "TEXT",
        description = "Why, for the other admins: shown with the conflict.")
    String comment;

    @Mixin ActorOption actor;

    abstract StoredConflict review(AdminService admin, String by);

    @Override
    public Integer call() {
      try (ConsumerContext context = ConsumerContext.open(config.file())) {
        ConsumerServices services = context.services();
        print(spec.commandLine().getOut(), review(services.admin(), actor.name()));
      }
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** {@code conflicts acknowledge ID}. */
  @Command(
      name = "acknowledge",
      mixinStandardHelpOptions = true,
      description = "Acknowledge a conflict: seen, kept until its cause disappears.")
  static final class Acknowledge extends Review {
    @Override
    StoredConflict review(AdminService admin, String by) {
      return admin.acknowledge(id, by, comment);
    }
  }

  /** {@code conflicts resolve ID}. */
  @Command(
      name = "resolve",
      mixinStandardHelpOptions = true,
      description = {
        "Resolve a conflict.",
        "For a changed upstream default, the child model keeps its value and is reconciled with"
            + " the new default, so that the next change is flagged again."
      })
  static final class Resolve extends Review {
    @Override
    StoredConflict review(AdminService admin, String by) {
      return admin.resolve(id, by, comment);
    }
  }
}
