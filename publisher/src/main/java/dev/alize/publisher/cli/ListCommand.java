package dev.alize.publisher.cli;

import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.text.Printable;
import dev.alize.publisher.repository.RepositoryEditor;
import dev.alize.publisher.repository.RepositoryView;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code list}: what the repository serves. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "List the datasources and releases a repository serves, and when its metadata expires.")
final class ListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--repo",
      required = true,
      paramLabel = "DIR",
      description = "The repository folder.")
  Path repo;

  @Option(names = "--json", description = "Answer in JSON.")
  boolean json;

  @Override
  public Integer call() {
    Clock clock = Clock.systemUTC();
    Instant now = clock.instant();
    RepositoryView view = new RepositoryEditor(repo, null, clock).view();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("releases", view.releases().stream().map(ListCommand::releaseJson).toList());
      Map<String, String> expiry = new LinkedHashMap<>();
      view.expiry().forEach((role, at) -> expiry.put(role, at.toString()));
      answer.put("expires", expiry);
      answer.put("versions", view.versions());
      Json.print(out, answer);
    } else {
      if (view.releases().isEmpty()) {
        out.println("no releases");
      }
      for (ReleaseFacts r : view.releases()) {
        out.printf(
            "%-20s %-12s %-8s %s%s%n",
            r.datasource(),
            r.version(),
            r.channel(),
            r.released(),
            // Reasons come from whoever holds a write token: never a control character raw.
            Printable.escape(state(r, now)));
      }
      view.expiry().forEach((role, at) -> out.printf("%s expires %s%n", role, at));
    }
    out.flush();
    return 0;
  }

  /** What a release's line adds after its date: deprecation, rejection, rollout. */
  private static String state(ReleaseFacts r, Instant now) {
    StringBuilder out = new StringBuilder();
    if (r.deprecation() != null) {
      out.append("  deprecated: ").append(r.deprecation().reason());
    }
    if (r.rejection() != null) {
      out.append("  rejected: ").append(r.rejection().reason());
    }
    if (r.rollout() != null) {
      out.append("  rollout ")
          .append(r.rollout().percentAt(now))
          .append("% (")
          .append(r.rollout().describe())
          .append(")");
    }
    return out.toString();
  }

  private static Map<String, Object> releaseJson(ReleaseFacts r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("datasource", r.datasource());
    m.put("version", r.version().toString());
    m.put("channel", r.channel().wireName());
    m.put("released", r.released().toString());
    m.put("classification", r.classification().wireName());
    m.put("notes", r.notes());
    m.put("deprecated", r.deprecation() == null ? null : r.deprecation().reason());
    m.put("rejected", r.rejection() == null ? null : r.rejection().reason());
    m.put("rollout", r.rollout() == null ? null : r.rollout().toJson());
    m.put("modelsAdded", r.changes().modelsAdded());
    m.put("modelsRemoved", r.changes().modelsRemoved());
    m.put("modelsChanged", r.changes().modelsChanged());
    // The lists stop at ChangeSummary.LISTED names; the counts say how many there are.
    m.put("modelsAddedCount", r.changes().modelsAddedCount());
    m.put("modelsRemovedCount", r.changes().modelsRemovedCount());
    m.put("modelsChangedCount", r.changes().modelsChangedCount());
    return m;
  }
}
