package dev.alize.common.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Snapshot: the version of every targets role, so that they cannot be mixed and matched. */
public record SnapshotMetadata(
    ObjectNode json, long version, Instant expires, Map<String, MetaFile> meta) implements Signed {

  public static final String TYPE = "snapshot";

  public SnapshotMetadata {
    meta = Map.copyOf(meta);
  }

  public static SnapshotMetadata from(ObjectNode json) {
    CommonFields common = CommonFields.read(json, TYPE);
    Fields f = new Fields(TYPE);
    Map<String, MetaFile> meta = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : f.object(json, "meta").properties()) {
      meta.put(e.getKey(), metaFile(f, e.getValue()));
    }
    if (!meta.containsKey("targets.json")) {
      throw f.error("'meta' does not describe targets.json");
    }
    return new SnapshotMetadata(json, common.version(), common.expires(), meta);
  }

  static MetaFile metaFile(Fields f, JsonNode node) {
    if (!node.isObject()) {
      throw f.error("meta entries must be objects");
    }
    Long length = null;
    if (node.has("length")) {
      length = f.integer(node, "length");
      if (length < 0) {
        throw f.error("'length' may not be negative");
      }
    }
    Map<String, String> hashes = node.has("hashes") ? f.hashes(node, "hashes") : Map.of();
    return new MetaFile(f.positive(node, "version"), length, hashes);
  }

  /** What snapshot says of a targets role, by role name. */
  public Optional<MetaFile> findRole(String role) {
    return Optional.ofNullable(meta.get(role + ".json"));
  }

  @Override
  public String type() {
    return TYPE;
  }
}
