package dev.alize.common.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.version.Bump;
import dev.alize.common.version.SemanticVersion;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The facts of one release, carried in its target's {@code custom} field, where the targets role's
 * signature covers them.
 *
 * @param notes null when none were given
 * @param deprecation null unless the release was deprecated
 * @param rollout null when the release goes to every site at once
 * @param rejection null unless the release was rejected before it reached {@code stable}
 */
public record ReleaseFacts(
    String datasource,
    SemanticVersion version,
    Channel channel,
    Instant released,
    Classification classification,
    String notes,
    ChangeSummary changes,
    Deprecation deprecation,
    RolloutPlan rollout,
    Rejection rejection) {

  /** Why and when a release was deprecated: consumers never newly choose it. */
  public record Deprecation(String reason, Instant at) {}

  /** Why and when a release in testing or staged was rejected: it is never offered again. */
  public record Rejection(String reason, Instant at) {}

  /** The facts of a release with no rollout plan, never rejected. */
  public ReleaseFacts(
      String datasource,
      SemanticVersion version,
      Channel channel,
      Instant released,
      Classification classification,
      String notes,
      ChangeSummary changes,
      Deprecation deprecation) {
    this(
        datasource,
        version,
        channel,
        released,
        classification,
        notes,
        changes,
        deprecation,
        null,
        null);
  }

  /** The target path of a release: {@code NAME/NAME-VERSION.tar.gz}. */
  public static String targetPath(String datasource, SemanticVersion version) {
    return datasource + "/" + datasource + "-" + version + ".tar.gz";
  }

  public String targetPath() {
    return targetPath(datasource, version);
  }

  public Optional<Deprecation> findDeprecation() {
    return Optional.ofNullable(deprecation);
  }

  public ReleaseFacts withChannel(Channel newChannel) {
    return new ReleaseFacts(
        datasource,
        version,
        newChannel,
        released,
        classification,
        notes,
        changes,
        deprecation,
        rollout,
        rejection);
  }

  public ReleaseFacts withDeprecation(Deprecation newDeprecation) {
    return new ReleaseFacts(
        datasource,
        version,
        channel,
        released,
        classification,
        notes,
        changes,
        newDeprecation,
        rollout,
        rejection);
  }

  /** These facts with {@code plan}, or with no plan when it is null. */
  public ReleaseFacts withRollout(RolloutPlan plan) {
    return new ReleaseFacts(
        datasource,
        version,
        channel,
        released,
        classification,
        notes,
        changes,
        deprecation,
        plan,
        rejection);
  }

  public ReleaseFacts withRejection(Rejection newRejection) {
    return new ReleaseFacts(
        datasource,
        version,
        channel,
        released,
        classification,
        notes,
        changes,
        deprecation,
        rollout,
        newRejection);
  }

  public boolean halted() {
    return rollout != null && rollout.halted();
  }

  public ObjectNode toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode json = f.objectNode();
    json.put("datasource", datasource);
    json.put("version", version.toString());
    json.put("channel", channel.wireName());
    json.put("released", released.toString());
    json.put("classification", classification.wireName());
    if (notes != null) {
      json.put("notes", notes);
    }
    ObjectNode c = json.putObject("changes");
    if (changes.previousVersion() != null) {
      c.put("previous_version", changes.previousVersion());
    }
    c.put("bump", changes.bump().name());
    strings(c.putArray("models_added"), changes.modelsAdded());
    strings(c.putArray("models_removed"), changes.modelsRemoved());
    strings(c.putArray("models_changed"), changes.modelsChanged());
    c.put("models_added_count", changes.modelsAddedCount());
    c.put("models_removed_count", changes.modelsRemovedCount());
    c.put("models_changed_count", changes.modelsChangedCount());
    if (deprecation != null) {
      json.putObject("deprecated")
          .put("reason", deprecation.reason())
          .put("at", deprecation.at().toString());
    }
    if (rollout != null) {
      json.set("rollout", rollout.toJson());
    }
    if (rejection != null) {
      json.putObject("rejected")
          .put("reason", rejection.reason())
          .put("at", rejection.at().toString());
    }
    return json;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  /**
   * Reads the facts from a target's custom field.
   *
   * @throws IllegalArgumentException naming the field at fault
   */
  public static ReleaseFacts fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("the target has no release facts in 'custom'");
    }
    JsonNode c = json.path("changes");
    List<String> added = list(c, "models_added");
    List<String> removed = list(c, "models_removed");
    List<String> changed = list(c, "models_changed");
    Deprecation deprecation = null;
    if (json.has("deprecated")) {
      deprecation =
          new Deprecation(
              text(json.get("deprecated"), "reason"),
              instant(json.get("deprecated"), "at", "deprecated.at"));
    }
    Rejection rejection = null;
    if (json.has("rejected")) {
      rejection =
          new Rejection(
              text(json.get("rejected"), "reason"),
              instant(json.get("rejected"), "at", "rejected.at"));
    }
    return new ReleaseFacts(
        text(json, "datasource"),
        SemanticVersion.parse(text(json, "version")),
        Channel.find(text(json, "channel"))
            .orElseThrow(
                () -> new IllegalArgumentException("unknown channel " + json.get("channel"))),
        instant(json, "released", "released"),
        Classification.find(text(json, "classification"))
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown classification " + json.get("classification"))),
        json.has("notes") ? text(json, "notes") : null,
        new ChangeSummary(
            c.has("previous_version") ? text(c, "previous_version") : null,
            Bump.valueOf(text(c, "bump")),
            added,
            removed,
            changed,
            count(c, "models_added_count", added),
            count(c, "models_removed_count", removed),
            count(c, "models_changed_count", changed)),
        deprecation,
        json.has("rollout") ? RolloutPlan.fromJson(json.get("rollout")) : null,
        rejection);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("release facts: '" + field + "' must be a string");
    }
    return value.textValue();
  }

  /**
   * A UTC time in {@code node}'s {@code field}.
   *
   * @param name the field's path in the facts, for the message
   */
  static Instant instant(JsonNode node, String field, String name) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("release facts: '" + name + "' must be a time");
    }
    try {
      return Instant.parse(value.textValue());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "release facts: '" + name + "' is not a UTC time: " + value.textValue(), e);
    }
  }

  /** The count of a list; facts published before counts existed list every model. */
  private static int count(JsonNode node, String field, List<String> listed) {
    JsonNode value = node.get(field);
    if (value == null) {
      return listed.size();
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < listed.size()) {
      throw new IllegalArgumentException(
          "release facts: '" + field + "' must be an integer, at least the number listed");
    }
    return value.intValue();
  }

  private static List<String> list(JsonNode node, String field) {
    List<String> out = new ArrayList<>();
    node.path(field).forEach(v -> out.add(v.asText()));
    return out;
  }
}
