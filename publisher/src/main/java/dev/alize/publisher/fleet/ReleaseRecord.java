package dev.alize.publisher.fleet;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.text.Printable;
import dev.alize.publisher.repository.AuditEntry;
import dev.alize.publisher.repository.AuditLog;
import dev.alize.publisher.repository.RepositoryEditor;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * One release's record, beside its figures: its number, classification and notes, and every action
 * on it from the audit log (who, when, why): its release, channels, rollout plans, halts, rejection
 * or deprecation.
 *
 * @param facts the signed facts, or empty when the release is no longer served (revoked)
 * @param history the audit log's entries of this release, oldest first
 */
public record ReleaseRecord(
    String datasource, String version, Optional<ReleaseFacts> facts, List<AuditEntry> history) {

  public ReleaseRecord {
    history = List.copyOf(history);
  }

  /** The record of {@code datasource version} in {@code editor}'s repository. */
  public static ReleaseRecord of(RepositoryEditor editor, String datasource, String version) {
    Optional<ReleaseFacts> facts =
        editor.view().releases().stream()
            .filter(
                r -> r.datasource().equals(datasource) && r.version().toString().equals(version))
            .findFirst();
    List<AuditEntry> history =
        new AuditLog(editor.layout().auditLog())
            .read().stream()
                .filter(e -> datasource.equals(e.datasource()) && version.equals(e.version()))
                .toList();
    return new ReleaseRecord(datasource, version, facts, history);
  }

  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("served", facts.isPresent());
    facts.ifPresent(
        f -> {
          json.put("channel", f.channel().wireName());
          json.put("classification", f.classification().wireName());
          json.put("released", f.released().toString());
          json.put("notes", f.notes());
          if (f.rollout() != null) {
            json.set("rollout", f.rollout().toJson());
          }
          json.put("deprecated", f.deprecation() == null ? null : f.deprecation().reason());
          json.put("rejected", f.rejection() == null ? null : f.rejection().reason());
        });
    history.forEach(
        e ->
            json.withArray("history")
                .addObject()
                .put("at", e.at().toString())
                .put("actor", e.actor())
                .put("action", e.action())
                .put("reason", e.reason()));
    return json;
  }

  /** The record in lines for people, upstream and maintainers' text escaped. */
  public void print(PrintWriter out) {
    out.printf("%s %s%n", datasource, version);
    if (facts.isEmpty()) {
      out.println("  no longer served (revoked)");
    }
    facts.ifPresent(
        f -> {
          out.printf(
              "  %s, %s, released %s%s%n",
              f.channel(),
              f.classification(),
              f.released(),
              f.notes() == null ? "" : ": " + Printable.escape(f.notes()));
          if (f.rollout() != null) {
            out.println("  rollout " + Printable.escape(f.rollout().describe()));
          }
        });
    for (AuditEntry e : history) {
      out.printf(
          "  %s %s %s%s%n",
          e.at(),
          Printable.escape(e.actor()),
          e.action(),
          e.reason() == null ? "" : ": " + Printable.escape(e.reason()));
    }
  }
}
