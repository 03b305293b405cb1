package dev.alize.common.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.crypto.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Targets (top-level or delegated): the files it vouches for, and the roles it delegates to. */
public record TargetsMetadata(
    ObjectNode json,
    long version,
    Instant expires,
    Map<String, TargetFile> targets,
    Map<String, PublicKey> delegationKeys,
    List<DelegatedRole> delegations)
    implements Signed {

  public static final String TYPE = "targets";

  public TargetsMetadata {
    targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    delegationKeys = Map.copyOf(delegationKeys);
    delegations = List.copyOf(delegations);
  }

  public static TargetsMetadata from(ObjectNode json) {
    CommonFields common = CommonFields.read(json, TYPE);
    Fields f = new Fields(TYPE);
    Map<String, TargetFile> targets = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : f.object(json, "targets").properties()) {
      JsonNode node = e.getValue();
      if (!node.isObject()) {
        throw f.error("target '" + e.getKey() + "' must be an object");
      }
      long length = f.integer(node, "length");
      if (length < 0) {
        throw f.error("target '" + e.getKey() + "' has a negative length");
      }
      JsonNode custom = node.has("custom") ? node.get("custom") : MissingNode.getInstance();
      targets.put(e.getKey(), new TargetFile(e.getKey(), length, f.hashes(node, "hashes"), custom));
    }
    Map<String, PublicKey> keys = Map.of();
    List<DelegatedRole> roles = new ArrayList<>();
    if (json.has("delegations")) {
      ObjectNode delegations = f.object(json, "delegations");
      keys = RootMetadata.readKeys(f, f.object(delegations, "keys"));
      JsonNode list = delegations.get("roles");
      if (list == null || !list.isArray()) {
        throw f.error("'delegations.roles' must be a list");
      }
      Set<String> names = new HashSet<>();
      for (JsonNode role : list) {
        DelegatedRole delegated = delegatedRole(f, role);
        if (!names.add(delegated.name())) {
          throw f.error("delegated role '" + delegated.name() + "' is listed twice");
        }
        roles.add(delegated);
      }
    }
    return new TargetsMetadata(json, common.version(), common.expires(), targets, keys, roles);
  }

  private static DelegatedRole delegatedRole(Fields f, JsonNode node) {
    String name = f.text(node, "name");
    if (RootMetadata.TOP_LEVEL_ROLES.contains(name)) {
      throw f.error("a delegated role may not be named '" + name + "'");
    }
    RoleKeys keys = RootMetadata.readRole(f, node, name);
    boolean hasPaths = node.has("paths");
    boolean hasPrefixes = node.has("path_hash_prefixes");
    if (hasPaths == hasPrefixes) {
      throw f.error("role '" + name + "' needs exactly one of 'paths' and 'path_hash_prefixes'");
    }
    return new DelegatedRole(
        name,
        keys.keyIds(),
        keys.threshold(),
        f.bool(node, "terminating"),
        hasPaths ? f.strings(node, "paths") : null,
        hasPrefixes ? f.strings(node, "path_hash_prefixes") : null);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
