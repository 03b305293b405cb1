package dev.alize.consumer.notify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.tuf.RootRotation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an import (or a rollback) did to a datasource, a release held for their approval, or a root
 * rotation followed, told to the admins: it is the stored payload of each outbox row and the body
 * of the webhook, so that a notification written in the import's transaction can be delivered
 * later, by any replica, without reading the database again.
 *
 * @param kind {@link #IMPORT}, {@link #ROLLBACK}, {@link #HELD} or {@link #ROTATION}
 * @param datasource the datasource; null for a root rotation, which is the repository's
 * @param repository the configured name of the repository the release came from
 * @param fromVersion the version imported before, or null for a first import
 * @param toVersion the version now in the database
 * @param conflictsRaised conflicts this import opened
 * @param conflictsClosed conflicts this import closed because their cause disappeared
 * @param conflicts the conflicts still open on child models after the import
 * @param reason why a held release is held, or which roles a root rotation gave new keys; null for
 *     an import or a rollback
 */
@JsonIgnoreProperties(
    value = {"subject"},
    allowGetters = true,
    ignoreUnknown = true)
public record ImportNotice(
    String kind,
    String repository,
    String datasource,
    String fromVersion,
    String toVersion,
    Counts counts,
    int conflictsRaised,
    int conflictsClosed,
    List<ConflictLine> conflicts,
    @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

  public static final String IMPORT = "import";
  public static final String ROLLBACK = "rollback";

  /**
   * A release held by the auto-approve policy, from the installed version ({@code fromVersion}).
   */
  public static final String HELD = "held";

  /**
   * A root rotation the consumer followed: {@code fromVersion} and {@code toVersion} are the root's
   * versions, {@code reason} says which roles have new keys.
   */
  public static final String ROTATION = "rotation";

  /** The command line that approves a held release, for the hint at the end of its text. */
  static final String APPROVE_COMMAND = "consumer approve %s %s --config FILE";

  /** Severities in the order admins should read them; their wire names. */
  private static final List<String> SEVERITIES = List.of("blocking", "warning", "information");

  /** The command line that lists conflicts, for the hint at the end of the text. */
  static final String CONFLICTS_COMMAND = "consumer conflicts --config FILE";

  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** Upstream server models the import added, changed, removed, left alone and kept withdrawn. */
  public record Counts(int added, int changed, int removed, int unchanged, int withdrawn) {

    public static final Counts NONE = new Counts(0, 0, 0, 0, 0);
  }

  /**
   * One open conflict, as the conflicts command shows it.
   *
   * @param id the conflict's id, for {@code consumer conflicts}
   * @param child the child model's name
   * @param kind the wire name of the kind, such as {@code default-changed}
   * @param severity {@code blocking}, {@code warning} or {@code information}
   * @param subject what it is about, such as a variable's name
   */
  public record ConflictLine(
      long id, String child, String kind, String severity, String subject, String message) {

    public ConflictLine {
      Objects.requireNonNull(child, "child");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(severity, "severity");
      subject = subject == null ? "" : subject;
      message = message == null ? "" : message;
    }
  }

  /** An import's or a rollback's notice. */
  public ImportNotice(
      String kind,
      String repository,
      String datasource,
      String fromVersion,
      String toVersion,
      Counts counts,
      int conflictsRaised,
      int conflictsClosed,
      List<ConflictLine> conflicts) {
    this(
        kind,
        repository,
        datasource,
        fromVersion,
        toVersion,
        counts,
        conflictsRaised,
        conflictsClosed,
        conflicts,
        null);
  }

  /** The notice of a release held for approval, once, when it is first held. */
  public static ImportNotice held(
      String repository, String datasource, String installed, String version, String reason) {
    return new ImportNotice(
        HELD, repository, datasource, installed, version, null, 0, 0, null, reason);
  }

  /** The notice of a root rotation followed, once, by the first replica that follows it. */
  public static ImportNotice rotation(String repository, RootRotation rotation) {
    return new ImportNotice(
        ROTATION,
        repository,
        null,
        Long.toString(rotation.fromVersion()),
        Long.toString(rotation.toVersion()),
        null,
        0,
        0,
        null,
        rotation.changedRoles().isEmpty()
            ? "the same keys"
            : "new keys for " + String.join(", ", rotation.changedRoles()));
  }

  public ImportNotice {
    Objects.requireNonNull(kind, "kind");
    if (!List.of(IMPORT, ROLLBACK, HELD, ROTATION).contains(kind)) {
      throw new IllegalArgumentException("kind is import, rollback, held or rotation, not " + kind);
    }
    Objects.requireNonNull(repository, "repository");
    if (!kind.equals(ROTATION)) {
      Objects.requireNonNull(datasource, "datasource");
    }
    Objects.requireNonNull(toVersion, "toVersion");
    counts = counts == null ? Counts.NONE : counts;
    conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
  }

  /**
   * A one-line summary, for an e-mail subject and the log, such as {@code Alizé: eole 1.0.0 → 2.0.0
   * imported, 1 blocking conflict}.
   */
  @JsonProperty("subject")
  public String subject() {
    if (kind.equals(ROTATION)) {
      return oneLine(
          "Alizé: "
              + repository
              + " root metadata "
              + fromVersion
              + " → "
              + toVersion
              + ", "
              + (reason == null ? "" : reason));
    }
    StringBuilder s = new StringBuilder("Alizé: ").append(datasource).append(' ');
    if (fromVersion != null) {
      s.append(fromVersion).append(" → ");
    }
    if (kind.equals(HELD)) {
      return oneLine(s.append(toVersion).append(" held for an admin's approval").toString());
    }
    s.append(toVersion).append(kind.equals(ROLLBACK) ? " rolled back, " : " imported, ");
    s.append(conflictSummary());
    return oneLine(s.toString());
  }

  /** The plain-text body of the e-mail: what changed, then the open conflicts by severity. */
  public String text() {
    return body(Optional.empty());
  }

  /**
   * The plain-text body of the e-mail with links to the console's pages: each open conflict's, the
   * list of conflicts, or the held release's.
   */
  public String text(ConsoleLinks console) {
    return body(Optional.of(console));
  }

  private String body(Optional<ConsoleLinks> console) {
    if (kind.equals(HELD)) {
      return heldText(console);
    }
    if (kind.equals(ROTATION)) {
      return "Alizé followed a rotation of the root metadata of the repository "
          + repository
          + ", from version "
          + fromVersion
          + " to "
          + toVersion
          + ": "
          + (reason == null ? "" : oneLine(reason))
          + ".\n\nEach new root was verified with the keys of the one before it. If the"
          + " repository's maintainers did not announce this rotation, ask them about it.\n";
    }
    StringBuilder t = new StringBuilder();
    if (kind.equals(ROLLBACK)) {
      t.append("Alizé rolled the datasource ")
          .append(datasource)
          .append(" back to version ")
          .append(toVersion)
          .append(".\n\n");
    } else {
      t.append("Alizé imported version ")
          .append(toVersion)
          .append(" of the datasource ")
          .append(datasource)
          .append(".\n\n");
    }
    t.append("Datasource:   ").append(datasource).append('\n');
    t.append("Repository:   ").append(repository).append('\n');
    t.append("Old version:  ").append(fromVersion == null ? "none (first import)" : fromVersion);
    t.append('\n');
    t.append("New version:  ").append(toVersion).append('\n');
    t.append("Models:       ")
        .append(counts.added())
        .append(" added, ")
        .append(counts.changed())
        .append(" changed, ")
        .append(counts.removed())
        .append(" removed, ")
        .append(counts.unchanged())
        .append(" unchanged, ")
        .append(counts.withdrawn())
        .append(" withdrawn\n");
    t.append("Conflicts:    ")
        .append(conflictsRaised)
        .append(" raised, ")
        .append(conflictsClosed)
        .append(" closed, ")
        .append(conflicts.size())
        .append(" open\n");
    if (conflicts.isEmpty()) {
      t.append("\nNo conflict is open on the child models of ").append(datasource).append(".\n");
      return t.toString();
    }
    for (Map.Entry<String, List<ConflictLine>> group : bySeverity().entrySet()) {
      t.append('\n')
          .append(capitalized(group.getKey()))
          .append(" (")
          .append(group.getValue().size())
          .append("):\n");
      for (ConflictLine c : group.getValue()) {
        t.append("  #").append(c.id()).append("  ").append(c.child()).append("  ").append(c.kind());
        if (!c.subject().isEmpty()) {
          t.append("  ").append(c.subject());
        }
        t.append('\n');
        if (!c.message().isEmpty()) {
          t.append("      ").append(oneLine(c.message())).append('\n');
        }
        console.ifPresent(links -> t.append("      ").append(links.conflict(c.id())).append('\n'));
      }
    }
    t.append("\nReview them with: ").append(CONFLICTS_COMMAND).append('\n');
    console.ifPresent(
        links -> t.append("Review them in the console: ").append(links.conflicts()).append('\n'));
    return t.toString();
  }

  private String heldText(Optional<ConsoleLinks> console) {
    return "Alizé holds version "
        + toVersion
        + " of the datasource "
        + datasource
        + " until an admin approves it.\n\n"
        + "Datasource:   "
        + datasource
        + "\nRepository:   "
        + repository
        + "\nInstalled:    "
        + (fromVersion == null ? "none" : fromVersion)
        + "\nHeld:         "
        + toVersion
        + "\nReason:       "
        + (reason == null ? "" : oneLine(reason))
        + "\n\nPreview it with: consumer preview "
        + datasource
        + " "
        + toVersion
        + " --config FILE\nApprove it with: "
        + String.format(APPROVE_COMMAND, datasource, toVersion)
        + "\n"
        + console
            .map(
                links ->
                    "Preview and approve it in the console: "
                        + links.held(datasource, toVersion)
                        + "\n")
            .orElse("");
  }

  /** The JSON form: the stored payload and the webhook body. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a notice as JSON", e);
    }
  }

  /**
   * The webhook's body with links to the console's pages: {@code stored}, this notice's JSON as the
   * outbox keeps it, with a {@code url} on each conflict line and one to the notice's page (none
   * for a root rotation). The links are added to the stored text rather than to a new
   * serialisation, so that fields a newer replica wrote still reach the receiver.
   *
   * @throws IllegalArgumentException when {@code stored} is not a JSON object
   */
  public String toJson(String stored, ConsoleLinks console) {
    try {
      if (!(JSON.readTree(stored) instanceof ObjectNode json)) {
        throw new IllegalArgumentException("not an import notice: " + stored);
      }
      if (json.get("conflicts") instanceof ArrayNode lines) {
        for (JsonNode line : lines) {
          if (line instanceof ObjectNode conflict) {
            conflict.put("url", console.conflict(conflict.path("id").asLong()));
          }
        }
      }
      console.findPage(this).ifPresent(url -> json.put("url", url));
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not an import notice: " + e.getOriginalMessage().strip(), e);
    }
  }

  /**
   * Reads what {@link #toJson()} wrote; fields it does not know are ignored.
   *
   * @throws IllegalArgumentException when the text is not such a notice
   */
  public static ImportNotice fromJson(String json) {
    try {
      ImportNotice notice = JSON.readValue(json, ImportNotice.class);
      if (notice == null) {
        throw new IllegalArgumentException("not an import notice: null");
      }
      return notice;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not an import notice: " + e.getOriginalMessage().strip(), e);
    }
  }

  /** Open conflicts grouped by severity, most severe first, unknown severities last. */
  private Map<String, List<ConflictLine>> bySeverity() {
    Map<String, List<ConflictLine>> known = new LinkedHashMap<>();
    Map<String, List<ConflictLine>> other = new TreeMap<>();
    for (String s : SEVERITIES) {
      known.put(s, new ArrayList<>());
    }
    for (ConflictLine c : conflicts) {
      (SEVERITIES.contains(c.severity()) ? known : other)
          .computeIfAbsent(c.severity(), k -> new ArrayList<>())
          .add(c);
    }
    known.values().removeIf(List::isEmpty);
    known.putAll(other);
    return known;
  }

  private String conflictSummary() {
    if (conflicts.isEmpty()) {
      return "no open conflict";
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, List<ConflictLine>> group : bySeverity().entrySet()) {
      int n = group.getValue().size();
      parts.add(
          switch (group.getKey()) {
            case "blocking" -> n + " blocking conflict" + (n == 1 ? "" : "s");
            case "warning" -> n + " warning" + (n == 1 ? "" : "s");
            case "information" -> n + " for information";
            default -> n + " " + group.getKey();
          });
    }
    return String.join(", ", parts);
  }

  private static String capitalized(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  /** Control characters (line breaks above all) become spaces: a subject is one header line. */
  private static String oneLine(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return out.toString().strip();
  }
}
