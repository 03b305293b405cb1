package dev.alize.common.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.crypto.KeyException;
import dev.alize.common.crypto.PublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Root: the keys and thresholds of the four top-level roles. */
public record RootMetadata(
    ObjectNode json,
    long version,
    Instant expires,
    boolean consistentSnapshot,
    Map<String, PublicKey> keys,
    Map<String, RoleKeys> roles)
    implements Signed {

  public static final String TYPE = "root";
  public static final Set<String> TOP_LEVEL_ROLES =
      Set.of("root", "targets", "snapshot", "timestamp");

  public RootMetadata {
    keys = Map.copyOf(keys);
    roles = Map.copyOf(roles);
  }

  public static RootMetadata from(ObjectNode json) {
    CommonFields common = CommonFields.read(json, TYPE);
    Fields f = new Fields(TYPE);
    Map<String, PublicKey> keys = readKeys(f, f.object(json, "keys"));
    Map<String, RoleKeys> roles = new LinkedHashMap<>();
    ObjectNode rolesNode = f.object(json, "roles");
    for (String role : TOP_LEVEL_ROLES) {
      if (!rolesNode.has(role)) {
        throw f.error("'roles' has no '" + role + "'");
      }
      roles.put(role, readRole(f, rolesNode.get(role), role));
    }
    return new RootMetadata(
        json,
        common.version(),
        common.expires(),
        json.has("consistent_snapshot") && f.bool(json, "consistent_snapshot"),
        keys,
        roles);
  }

  /** Keys by id; a key listed under another id than its own is refused. */
  static Map<String, PublicKey> readKeys(Fields f, ObjectNode node) {
    Map<String, PublicKey> keys = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      PublicKey key;
      try {
        key = PublicKey.fromJson(e.getValue());
      } catch (KeyException ex) {
        throw f.error("key " + e.getKey() + ": " + ex.getMessage());
      }
      if (!key.keyId().equals(e.getKey())) {
        throw f.error(
            "key " + e.getKey() + " is listed under another id than its own, " + key.keyId());
      }
      keys.put(e.getKey(), key);
    }
    return keys;
  }

  static RoleKeys readRole(Fields f, JsonNode node, String role) {
    if (!node.isObject()) {
      throw f.error("role '" + role + "' must be an object");
    }
    List<String> keyIds = f.strings(node, "keyids");
    if (Set.copyOf(keyIds).size() != keyIds.size()) {
      throw f.error("role '" + role + "' lists a key id twice");
    }
    long threshold = f.positive(node, "threshold");
    if (threshold > Integer.MAX_VALUE) {
      throw f.error("role '" + role + "' has an impossible threshold");
    }
    return new RoleKeys(keyIds, (int) threshold);
  }

  @Override
  public String type() {
    return TYPE;
  }

  public RoleKeys role(String name) {
    RoleKeys role = roles.get(name);
    if (role == null) {
      throw new MetadataFormatException(TYPE, "no role '" + name + "'");
    }
    return role;
  }
}
