package dev.alize.common.tuf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.crypto.Ed25519SigningKey;
import java.util.List;

/** The signed part of each role, built as the specification's examples show them. */
final class SignedFixtures {

  static final String EXPIRES = "2030-01-01T00:00:00Z";
  static final String SHA256 = "65b8c67f51c993d898250f40aa57a317d854900b3a04895464313e48785440da";

  private SignedFixtures() {}

  static ObjectNode common(String type, long version) {
    ObjectNode signed = JsonNodeFactory.instance.objectNode();
    signed.put("_type", type);
    signed.put("spec_version", "1.0.31");
    signed.put("version", version);
    signed.put("expires", EXPIRES);
    return signed;
  }

  /** A root whose four roles each have one key, with threshold 1. */
  static ObjectNode root(
      Ed25519SigningKey root,
      Ed25519SigningKey timestamp,
      Ed25519SigningKey snapshot,
      Ed25519SigningKey targets) {
    ObjectNode signed = common("root", 1);
    signed.put("consistent_snapshot", true);
    ObjectNode keys = signed.putObject("keys");
    ObjectNode roles = signed.putObject("roles");
    addRole(keys, roles, "root", root);
    addRole(keys, roles, "timestamp", timestamp);
    addRole(keys, roles, "snapshot", snapshot);
    addRole(keys, roles, "targets", targets);
    return signed;
  }

  private static void addRole(
      ObjectNode keys, ObjectNode roles, String role, Ed25519SigningKey key) {
    keys.set(key.keyId(), key.publicKey().toJson());
    ObjectNode entry = roles.putObject(role);
    entry.putArray("keyids").add(key.keyId());
    entry.put("threshold", 1);
  }

  static ObjectNode timestamp(long snapshotVersion) {
    ObjectNode signed = common("timestamp", 7);
    ObjectNode snapshot = signed.putObject("meta").putObject("snapshot.json");
    snapshot.put("version", snapshotVersion);
    snapshot.put("length", 1007);
    snapshot.putObject("hashes").put("sha256", SHA256);
    return signed;
  }

  static ObjectNode snapshot(long targetsVersion) {
    ObjectNode signed = common("snapshot", 3);
    signed.putObject("meta").putObject("targets.json").put("version", targetsVersion);
    return signed;
  }

  static ObjectNode targets() {
    ObjectNode signed = common("targets", 2);
    ObjectNode target = signed.putObject("targets").putObject("eole/eole-1.0.0.tar.gz");
    target.put("length", 31);
    target.putObject("hashes").put("sha256", SHA256);
    target.putObject("custom").put("model", "eole");
    return signed;
  }

  /** Targets delegating {@code eole/*} to the role {@code eole}, signed by {@code key}. */
  static ObjectNode targetsDelegating(Ed25519SigningKey key) {
    ObjectNode signed = targets();
    ObjectNode delegations = signed.putObject("delegations");
    delegations.putObject("keys").set(key.keyId(), key.publicKey().toJson());
    ArrayNode roles = delegations.putArray("roles");
    ObjectNode role = roles.addObject();
    role.put("name", "eole");
    role.putArray("keyids").add(key.keyId());
    role.put("threshold", 1);
    role.put("terminating", true);
    role.putArray("paths").add("eole/*");
    return signed;
  }

  static byte[] sign(ObjectNode signed, Ed25519SigningKey... keys) {
    return Metadata.sign(signed, List.of(keys));
  }
}
