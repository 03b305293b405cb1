package dev.alize.common.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.codec.CanonicalJson;
import dev.alize.common.codec.StrictJson;
import dev.alize.common.crypto.Ed25519SigningKey;
import dev.alize.common.crypto.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A metadata file: the signed part and its signatures. Signatures are checked over the canonical
 * form of {@code signed} exactly as received, never over a re-serialisation of what was understood
 * of it.
 *
 * @param canonicalSigned the bytes the signatures cover
 * @param raw the file's bytes as received or written
 */
public record Metadata<T extends Signed>(
    T signed, List<SignatureEntry> signatures, byte[] canonicalSigned, byte[] raw) {

  public Metadata {
    signatures = List.copyOf(signatures);
  }

  public static Metadata<RootMetadata> root(byte[] raw) {
    return parse(raw, RootMetadata.TYPE, RootMetadata::from);
  }

  public static Metadata<TimestampMetadata> timestamp(byte[] raw) {
    return parse(raw, TimestampMetadata.TYPE, TimestampMetadata::from);
  }

  public static Metadata<SnapshotMetadata> snapshot(byte[] raw) {
    return parse(raw, SnapshotMetadata.TYPE, SnapshotMetadata::from);
  }

  public static Metadata<TargetsMetadata> targets(byte[] raw) {
    return parse(raw, TargetsMetadata.TYPE, TargetsMetadata::from);
  }

  /**
   * Parses a metadata file of the given type.
   *
   * @throws MetadataFormatException when it is not well-formed metadata of that type
   */
  public static <T extends Signed> Metadata<T> parse(
      byte[] raw, String type, Function<ObjectNode, T> reader) {
    JsonNode root;
    try {
      root = StrictJson.parse(raw);
    } catch (StrictJson.MalformedJsonException e) {
      throw new MetadataFormatException(type, e.getMessage());
    }
    Fields f = new Fields(type);
    if (!(root instanceof ObjectNode object)) {
      throw f.error("a metadata file is an object of 'signed' and 'signatures'");
    }
    ObjectNode signed = f.object(object, "signed");
    JsonNode sigs = object.get("signatures");
    if (sigs == null || !sigs.isArray()) {
      throw f.error("'signatures' must be a list");
    }
    List<SignatureEntry> signatures = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode sig : sigs) {
      String keyId = f.text(sig, "keyid");
      if (!seen.add(keyId)) {
        throw f.error("key " + keyId + " signed twice");
      }
      signatures.add(new SignatureEntry(keyId, f.text(sig, "sig")));
    }
    return new Metadata<>(reader.apply(signed), signatures, CanonicalJson.encode(signed), raw);
  }

  /**
   * How many of {@code role}'s keys made a valid signature. Each key counts once, whatever the file
   * claims, even when listed under several key ids.
   */
  public int validSignatures(RoleKeys role, Map<String, PublicKey> keys) {
    Set<String> valid = new HashSet<>();
    for (SignatureEntry entry : signatures) {
      PublicKey key = keys.get(entry.keyId());
      if (key == null || !role.keyIds().contains(entry.keyId())) {
        continue;
      }
      byte[] sig;
      try {
        sig = HexFormat.of().parseHex(entry.sig());
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (key.verify(canonicalSigned, sig)) {
        valid.add(key.material());
      }
    }
    return valid.size();
  }

  /**
   * Signs {@code signed} with each key and returns the file's bytes: canonical JSON, with control
   * characters escaped so that any JSON reader takes the file.
   */
  public static byte[] sign(ObjectNode signed, List<Ed25519SigningKey> keys) {
    byte[] canonical = CanonicalJson.encode(signed);
    ObjectNode file = JsonNodeFactory.instance.objectNode();
    ArrayNode signatures = file.putArray("signatures");
    for (Ed25519SigningKey key : keys) {
      signatures
          .addObject()
          .put("keyid", key.keyId())
          .put("sig", HexFormat.of().formatHex(key.sign(canonical)));
    }
    file.set("signed", signed);
    return CanonicalJson.encodeForFile(file);
  }
}
