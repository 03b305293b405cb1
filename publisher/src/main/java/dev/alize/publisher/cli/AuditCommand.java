package dev.alize.publisher.cli;

import dev.alize.common.time.Periods;
import dev.alize.publisher.repository.AuditEntry;
import dev.alize.publisher.repository.AuditLog;
import dev.alize.publisher.repository.RepositoryLayout;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code audit}: who did what to the repository, newest first. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Show the repository's audit log, newest first: who released, promoted, deprecated,"
          + " revoked, re-signed or rotated what, when and why.",
      "Releases show their notes."
    })
final class AuditCommand implements Callable<Integer> {

  /** The most entries {@code --limit} shows. */
  static final int MAX_LIMIT = 1000;

  /** The actions the repository records. */
  static final List<String> ACTIONS =
      List.of(
          "init",
          "release",
          "promote",
          "deprecate",
          "revoke",
          "reject",
          "rollout",
          "halt",
          "resume",
          "refresh",
          "rotate-key");

  @Spec CommandSpec spec;

  @Option(
      names = "--repo",
      required = true,
      paramLabel = "DIR",
      description = "The repository folder; its audit.log is read.")
  Path repo;

  @Option(
      names = "--datasource",
      paramLabel = "NAME",
      description = "Only the entries of this datasource.")
  String datasource;

  @Option(
      names = "--action",
      paramLabel = "ACTION",
      description =
          "Only this action, such as release, promote, halt or rotate-key (see the guide).")
  String action;

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      description =
          "Only the entries from then on: a date (2026-12-01, UTC), an instant"
              + " (2026-12-01T08:00:00Z) or a period back from now (7d, 12h).")
  String since;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "At most the N newest entries, from 1 to " + MAX_LIMIT + " (default 50).")
  int limit = 50;

  @Option(names = "--json", description = "Answer in JSON.")
  boolean json;

  private final Clock clock;

  AuditCommand() {
    this(Clock.systemUTC());
  }

  /** For tests: {@code clock} tells when now is, for {@code --since PERIOD}. */
  AuditCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ParameterException(
          spec.commandLine(), "--limit " + limit + ": write a number from 1 to " + MAX_LIMIT);
    }
    if (action != null && !ACTIONS.contains(action)) {
      throw new ParameterException(
          spec.commandLine(),
          "--action " + action + ": write one of " + String.join(", ", ACTIONS));
    }
    Instant from = since == null ? Instant.MIN : since(since);
    if (!Files.isDirectory(repo)) {
      throw new ParameterException(spec.commandLine(), "--repo " + repo + ": no such folder");
    }
    Predicate<AuditEntry> wanted =
        e ->
            !e.at().isBefore(from)
                && (datasource == null || datasource.equals(e.datasource()))
                && (action == null || action.equals(e.action()));
    List<AuditEntry> all = new AuditLog(new RepositoryLayout(repo).auditLog()).read();
    List<AuditEntry> shown = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0 && shown.size() < limit; i--) {
      if (wanted.test(all.get(i))) {
        shown.add(all.get(i));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, shown.stream().map(AuditCommand::json).toList());
    } else if (shown.isEmpty()) {
      out.println("no audit entry");
    } else {
      shown.forEach(e -> print(out, e));
    }
    out.flush();
    return 0;
  }

  private Instant since(String text) {
    Optional<Instant> at = Optional.empty();
    try {
      at = Optional.of(Instant.parse(text));
    } catch (DateTimeParseException notAnInstant) {
      try {
        at = Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
      } catch (DateTimeParseException notADate) {
        at = Periods.find(text).map(period -> clock.instant().minus(period));
      }
    }
    return at.orElseThrow(
        () ->
            new ParameterException(
                spec.commandLine(),
                "--since "
                    + text
                    + ": write a date (2026-12-01), an instant (2026-12-01T08:00:00Z) or a period"
                    + " ("
                    + Periods.FORMS
                    + ")"));
  }

  private static void print(PrintWriter out, AuditEntry e) {
    StringBuilder line = new StringBuilder();
    line.append(e.at()).append("  ").append(shown(e.actor())).append("  ").append(e.action());
    if (e.datasource() != null) {
      line.append(' ').append(shown(e.datasource()));
    }
    if (e.version() != null) {
      line.append(' ').append(shown(e.version()));
    }
    if (e.reason() != null) {
      line.append(": ").append(shown(e.reason()));
    }
    out.println(line);
    if (e.notes() != null) {
      out.println("    notes: " + shown(e.notes()));
    }
  }

  /**
   * The text on one line, its control characters escaped: a log line written by anyone with the
   * write API's token must not forge other lines or drive the terminal.
   */
  static String shown(String text) {
    StringBuilder s = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              if (c == '\n') {
                s.append("\\n");
              } else if (c == '\t') {
                s.append("\\t");
              } else if (c == '\r') {
                s.append("\\r");
              } else if (c == '\\') {
                s.append("\\\\");
              } else if (Character.isISOControl(c)) {
                s.append(String.format("\\u%04x", c));
              } else {
                s.appendCodePoint(c);
              }
            });
    return s.toString();
  }

  private static Map<String, Object> json(AuditEntry e) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("at", e.at().toString());
    entry.put("actor", e.actor());
    entry.put("action", e.action());
    entry.put("datasource", e.datasource());
    entry.put("version", e.version());
    entry.put("reason", e.reason());
    entry.put("notes", e.notes());
    entry.put("before", e.before());
    entry.put("after", e.after());
    return entry;
  }
}
