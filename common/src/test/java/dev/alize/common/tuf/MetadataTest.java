package dev.alize.common.tuf;

import static dev.alize.common.tuf.SignedFixtures.SHA256;
import static dev.alize.common.tuf.SignedFixtures.sign;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.codec.CanonicalJson;
import dev.alize.common.codec.StrictJson;
import dev.alize.common.crypto.Ed25519SigningKey;
import dev.alize.common.crypto.PublicKey;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MetadataTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Ed25519SigningKey rootKey = Ed25519SigningKey.generate(RANDOM);
  private final Ed25519SigningKey timestampKey = Ed25519SigningKey.generate(RANDOM);
  private final Ed25519SigningKey snapshotKey = Ed25519SigningKey.generate(RANDOM);
  private final Ed25519SigningKey targetsKey = Ed25519SigningKey.generate(RANDOM);
  private final Ed25519SigningKey delegateKey = Ed25519SigningKey.generate(RANDOM);

  private ObjectNode rootSigned() {
    return SignedFixtures.root(rootKey, timestampKey, snapshotKey, targetsKey);
  }

  private RootMetadata trustedRoot() {
    return Metadata.root(sign(rootSigned(), rootKey)).signed();
  }

  @Test
  void root_readsFields() {
    Metadata<RootMetadata> metadata = Metadata.root(sign(rootSigned(), rootKey));
    RootMetadata root = metadata.signed();

    assertEquals("root", root.type());
    assertEquals(1, root.version());
    assertEquals(Instant.parse("2030-01-01T00:00:00Z"), root.expires());
    assertTrue(root.consistentSnapshot());
    assertEquals(4, root.keys().size());
    assertEquals(timestampKey.publicKey().toJson(), root.keys().get(timestampKey.keyId()).json());
    assertEquals(new RoleKeys(List.of(snapshotKey.keyId()), 1), root.role("snapshot"));
    assertEquals(
        List.of(new SignatureEntry(rootKey.keyId(), hexSignature(rootKey))), metadata.signatures());
  }

  @Test
  void root_refusesUnknownRoleLookup() {
    MetadataFormatException e =
        assertThrows(MetadataFormatException.class, () -> trustedRoot().role("mirrors"));

    assertEquals("root metadata: no role 'mirrors'", e.getMessage());
  }

  @Test
  void timestamp_readsSnapshotMeta() {
    TimestampMetadata timestamp =
        Metadata.timestamp(sign(SignedFixtures.timestamp(3), timestampKey)).signed();

    assertEquals(7, timestamp.version());
    assertEquals(new MetaFile(3, 1007L, Map.of("sha256", SHA256)), timestamp.snapshot());
    assertEquals(1007L, timestamp.snapshot().findLength().orElseThrow());
  }

  @Test
  void snapshot_readsMetaWithoutLengthOrHashes() {
    SnapshotMetadata snapshot =
        Metadata.snapshot(sign(SignedFixtures.snapshot(2), snapshotKey)).signed();

    MetaFile targets = snapshot.findRole("targets").orElseThrow();
    assertEquals(3, snapshot.version());
    assertEquals(2, targets.version());
    assertTrue(targets.findLength().isEmpty());
    assertEquals(Map.of(), targets.hashes());
    assertTrue(snapshot.findRole("eole").isEmpty());
  }

  @Test
  void targets_readsTargetsAndDelegations() {
    TargetsMetadata targets =
        Metadata.targets(sign(SignedFixtures.targetsDelegating(delegateKey), targetsKey)).signed();

    TargetFile file = targets.targets().get("eole/eole-1.0.0.tar.gz");
    assertEquals("eole/eole-1.0.0.tar.gz", file.path());
    assertEquals(31, file.length());
    assertEquals(Map.of("sha256", SHA256), file.hashes());
    assertEquals("eole", file.custom().path("model").textValue());
    assertEquals(Map.of(delegateKey.keyId(), delegateKey.publicKey()), targets.delegationKeys());
    assertEquals(
        List.of(
            new DelegatedRole(
                "eole", List.of(delegateKey.keyId()), 1, true, List.of("eole/*"), null)),
        targets.delegations());
  }

  @Test
  void targets_withoutCustomHasMissingNode() {
    ObjectNode signed = SignedFixtures.targets();
    ((ObjectNode) signed.path("targets").path("eole/eole-1.0.0.tar.gz")).remove("custom");

    TargetsMetadata targets = Metadata.targets(sign(signed, targetsKey)).signed();

    assertTrue(targets.targets().get("eole/eole-1.0.0.tar.gz").custom().isMissingNode());
    assertEquals(List.of(), targets.delegations());
  }

  @Test
  void validSignatures_countsTheRolesKey() {
    RootMetadata root = trustedRoot();
    Metadata<TimestampMetadata> timestamp =
        Metadata.timestamp(sign(SignedFixtures.timestamp(3), timestampKey));

    assertEquals(1, timestamp.validSignatures(root.role("timestamp"), root.keys()));
  }

  @Test
  void validSignatures_countsEachOfTheRolesKeys() {
    ObjectNode signed = rootSigned();
    ((ArrayNode) signed.path("roles").path("root").path("keyids")).add(targetsKey.keyId());
    ((ObjectNode) signed.path("roles").path("root")).put("threshold", 2);
    Metadata<RootMetadata> root = Metadata.root(sign(signed, rootKey, targetsKey));

    assertEquals(2, root.validSignatures(root.signed().role("root"), root.signed().keys()));
  }

  @Test
  void validSignatures_ignoresKeyOfAnotherRole() {
    RootMetadata root = trustedRoot();
    Metadata<TimestampMetadata> timestamp =
        Metadata.timestamp(sign(SignedFixtures.timestamp(3), snapshotKey));

    assertEquals(0, timestamp.validSignatures(root.role("timestamp"), root.keys()));
  }

  @Test
  void validSignatures_ignoresKeyUnknownToRoot() {
    RootMetadata root = trustedRoot();
    Ed25519SigningKey stranger = Ed25519SigningKey.generate(RANDOM);
    Metadata<TimestampMetadata> timestamp =
        Metadata.timestamp(sign(SignedFixtures.timestamp(3), stranger));
    RoleKeys claimed = new RoleKeys(List.of(stranger.keyId()), 1);

    assertEquals(0, timestamp.validSignatures(claimed, root.keys()));
  }

  @Test
  void validSignatures_zeroForTamperedSignedField() {
    RootMetadata root = trustedRoot();
    ObjectNode file = json(sign(SignedFixtures.timestamp(3), timestampKey));
    ((ObjectNode) file.path("signed").path("meta").path("snapshot.json")).put("version", 4);

    Metadata<TimestampMetadata> timestamp = Metadata.timestamp(CanonicalJson.encode(file));

    assertEquals(4, timestamp.signed().snapshot().version());
    assertEquals(0, timestamp.validSignatures(root.role("timestamp"), root.keys()));
  }

  @Test
  void validSignatures_zeroForSignatureThatIsNotHex() {
    RootMetadata root = trustedRoot();
    ObjectNode file = json(sign(SignedFixtures.timestamp(3), timestampKey));
    ((ObjectNode) file.path("signatures").get(0)).put("sig", "not hex");

    Metadata<TimestampMetadata> timestamp = Metadata.timestamp(CanonicalJson.encode(file));

    assertEquals(0, timestamp.validSignatures(root.role("timestamp"), root.keys()));
  }

  @Test
  void validSignatures_countsEachKeyOnce() {
    RootMetadata root = trustedRoot();
    Metadata<TimestampMetadata> parsed =
        Metadata.timestamp(sign(SignedFixtures.timestamp(3), timestampKey));
    SignatureEntry entry = parsed.signatures().get(0);
    Metadata<TimestampMetadata> repeated =
        new Metadata<>(
            parsed.signed(), List.of(entry, entry, entry), parsed.canonicalSigned(), parsed.raw());
    RoleKeys twice = new RoleKeys(List.of(timestampKey.keyId(), timestampKey.keyId()), 2);

    assertEquals(1, repeated.validSignatures(twice, root.keys()));
  }

  /** One key under two ids, each the hash of a different key object, is still one key. */
  @Test
  void validSignatures_countsOneKeyListedUnderTwoIdsOnce() {
    ObjectNode alias = timestampKey.publicKey().toJson();
    alias.putArray("keyid_hash_algorithms").add("sha256").add("sha512");
    String aliasId = PublicKey.fromJson(alias).keyId();
    ObjectNode signed = rootSigned();
    ((ObjectNode) signed.path("keys")).set(aliasId, alias);
    ObjectNode role = (ObjectNode) signed.path("roles").path("timestamp");
    ((ArrayNode) role.path("keyids")).add(aliasId);
    role.put("threshold", 2);
    RootMetadata root = Metadata.root(sign(signed, rootKey)).signed();

    ObjectNode timestamp = SignedFixtures.timestamp(3);
    String sig = HexFormat.of().formatHex(timestampKey.sign(CanonicalJson.encode(timestamp)));
    ObjectNode file = JsonNodeFactory.instance.objectNode();
    file.set("signed", timestamp);
    ArrayNode signatures = file.putArray("signatures");
    signatures.addObject().put("keyid", timestampKey.keyId()).put("sig", sig);
    signatures.addObject().put("keyid", aliasId).put("sig", sig);
    Metadata<TimestampMetadata> metadata = Metadata.timestamp(CanonicalJson.encode(file));

    assertEquals(1, metadata.validSignatures(root.role("timestamp"), root.keys()));
  }

  @Test
  void validSignatures_countsEcdsaKeyOfAnotherTool() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    ObjectNode ecdsa = JsonNodeFactory.instance.objectNode();
    ecdsa.put("keytype", "ecdsa");
    ecdsa.put("scheme", "ecdsa-sha2-nistp256");
    ecdsa
        .putObject("keyval")
        .put(
            "public",
            "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
    String ecdsaId = PublicKey.fromJson(ecdsa).keyId();
    ObjectNode rootSigned = rootSigned();
    ((ObjectNode) rootSigned.path("keys")).set(ecdsaId, ecdsa);
    ((ArrayNode) rootSigned.path("roles").path("timestamp").path("keyids")).set(0, ecdsaId);
    RootMetadata root = Metadata.root(sign(rootSigned, rootKey)).signed();

    ObjectNode timestamp = SignedFixtures.timestamp(3);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(pair.getPrivate());
    signer.update(CanonicalJson.encode(timestamp));
    ObjectNode file = JsonNodeFactory.instance.objectNode();
    file.set("signed", timestamp);
    file.putArray("signatures")
        .addObject()
        .put("keyid", ecdsaId)
        .put("sig", HexFormat.of().formatHex(signer.sign()));
    Metadata<TimestampMetadata> metadata = Metadata.timestamp(CanonicalJson.encode(file));

    assertEquals(1, metadata.validSignatures(root.role("timestamp"), root.keys()));
  }

  @Test
  void validSignatures_verifiesReformattedFile() throws Exception {
    RootMetadata root = trustedRoot();
    JsonNode file = json(sign(SignedFixtures.timestamp(3), timestampKey));
    byte[] pretty = StrictJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(file);

    Metadata<TimestampMetadata> timestamp = Metadata.timestamp(pretty);

    assertArrayEquals(pretty, timestamp.raw());
    assertEquals(1, timestamp.validSignatures(root.role("timestamp"), root.keys()));
  }

  @Test
  void unknownFields_surviveAndAreCoveredBySignature() {
    RootMetadata root = trustedRoot();
    ObjectNode signed = SignedFixtures.targets();
    signed.put("x-alize-channel", "stable");
    ((ObjectNode) signed.path("targets").path("eole/eole-1.0.0.tar.gz")).put("x-extra", 1);
    byte[] expected = CanonicalJson.encode(signed);

    Metadata<TargetsMetadata> targets = Metadata.targets(sign(signed, targetsKey));

    assertArrayEquals(expected, targets.canonicalSigned());
    assertTrue(new String(targets.canonicalSigned(), UTF_8).contains("\"x-alize-channel\""));
    assertEquals("stable", targets.signed().json().path("x-alize-channel").textValue());
    assertEquals(1, targets.validSignatures(root.role("targets"), root.keys()));
  }

  @Test
  void unknownFields_addedAfterSigningBreakTheSignature() {
    RootMetadata root = trustedRoot();
    ObjectNode file = json(sign(SignedFixtures.targets(), targetsKey));
    ((ObjectNode) file.path("signed")).put("x-alize-channel", "stable");

    Metadata<TargetsMetadata> targets = Metadata.targets(CanonicalJson.encode(file));

    assertEquals(0, targets.validSignatures(root.role("targets"), root.keys()));
  }

  @Test
  void sign_signsCanonicalFormOfSigned() {
    ObjectNode signed = SignedFixtures.snapshot(2);

    JsonNode file = json(sign(signed, snapshotKey));

    assertArrayEquals(CanonicalJson.encode(signed), CanonicalJson.encode(file.path("signed")));
    assertEquals(1, file.path("signatures").size());
    assertEquals(snapshotKey.keyId(), file.path("signatures").get(0).path("keyid").textValue());
    assertEquals(
        HexFormat.of().formatHex(snapshotKey.sign(CanonicalJson.encode(signed))),
        file.path("signatures").get(0).path("sig").textValue());
  }

  /** Canonical JSON leaves a newline raw in a string, which no JSON reader accepts. */
  @Test
  void sign_writesFileThatParsesBackWithNewlineInString() {
    RootMetadata root = trustedRoot();
    ObjectNode signed = SignedFixtures.targets();
    signed.put("x-note", "line 1\nline 2\u0001");

    Metadata<TargetsMetadata> targets = Metadata.targets(sign(signed, targetsKey));

    assertEquals("line 1\nline 2\u0001", targets.signed().json().path("x-note").textValue());
    assertEquals(1, targets.validSignatures(root.role("targets"), root.keys()));
  }

  @Test
  void parse_refusesKeySigningTwice() {
    ObjectNode file = json(sign(SignedFixtures.timestamp(3), timestampKey));
    ArrayNode signatures = (ArrayNode) file.path("signatures");
    signatures.add(signatures.get(0).deepCopy());

    assertRefused(
        Metadata::timestamp,
        CanonicalJson.encode(file),
        "timestamp metadata: key " + timestampKey.keyId() + " signed twice");
  }

  @Test
  void parse_refusesSignatureWithoutKeyId() {
    ObjectNode file = json(sign(SignedFixtures.timestamp(3), timestampKey));
    ((ObjectNode) file.path("signatures").get(0)).remove("keyid");

    assertRefused(
        Metadata::timestamp,
        CanonicalJson.encode(file),
        "timestamp metadata: 'keyid' must be a string");
  }

  @Test
  void parse_acceptsFieldBesideSignedAndSignatures() {
    ObjectNode file = json(sign(SignedFixtures.timestamp(3), timestampKey));
    file.put("x", 1);

    // Other TUF tools may add top-level fields; the signatures cover 'signed' only.
    assertEquals(1, Metadata.timestamp(CanonicalJson.encode(file)).signatures().size());
  }

  @Test
  void parse_refusesMalformedJson() {
    assertRefused(
        Metadata::root,
        "{\"signed\": {}, \"signed\": {}}".getBytes(UTF_8),
        "root metadata: malformed JSON: Duplicate field 'signed' at line 1, column 24");
  }

  @Test
  void parse_refusesUnpairedSurrogateAsFormatError() {
    ObjectNode signed = SignedFixtures.targets();
    signed.put("x-note", "SURROGATE");
    String file = new String(sign(signed, targetsKey), UTF_8).replace("SURROGATE", "\\ud800");

    assertRefused(
        Metadata::targets,
        file.getBytes(UTF_8),
        "targets metadata: malformed JSON: a string holds an unpaired UTF-16 surrogate");
  }

  @Test
  void parse_refusesWrongType() {
    assertRefused(
        Metadata::root,
        sign(SignedFixtures.timestamp(3), timestampKey),
        "root metadata: '_type' is 'timestamp', expected 'root'");
  }

  @Test
  void parse_refusesMissingType() {
    ObjectNode signed = SignedFixtures.snapshot(2);
    signed.remove("_type");

    assertRefused(
        Metadata::snapshot,
        sign(signed, snapshotKey),
        "snapshot metadata: '_type' must be a string");
  }

  @Test
  void parse_refusesMissingExpires() {
    ObjectNode signed = SignedFixtures.snapshot(2);
    signed.remove("expires");

    assertRefused(
        Metadata::snapshot,
        sign(signed, snapshotKey),
        "snapshot metadata: 'expires' must be a string");
  }

  @Test
  void parse_refusesExpiresAsUnixTime() {
    ObjectNode signed = SignedFixtures.snapshot(2);
    signed.put("expires", 1893456000);

    assertRefused(
        Metadata::snapshot,
        sign(signed, snapshotKey),
        "snapshot metadata: 'expires' must be a string");
  }

  @Test
  void parse_refusesExpiresWithOffset() {
    assertExpiresRefused("2030-01-01T00:00:00+00:00");
  }

  @Test
  void parse_refusesExpiresWithFraction() {
    assertExpiresRefused("2030-01-01T00:00:00.000Z");
  }

  @Test
  void parse_refusesExpiresWithoutTime() {
    assertExpiresRefused("2030-01-01");
  }

  @Test
  void parse_refusesImpossibleExpiresDate() {
    assertExpiresRefused("2030-02-30T00:00:00Z");
  }

  @Test
  void parse_refusesExpiresAtHour24() {
    assertExpiresRefused("2030-01-31T24:00:00Z");
  }

  private void assertExpiresRefused(String expires) {
    ObjectNode signed = SignedFixtures.snapshot(2);
    signed.put("expires", expires);

    assertRefused(
        Metadata::snapshot,
        sign(signed, snapshotKey),
        "snapshot metadata: 'expires' must be of the form 2030-01-31T00:00:00Z, not '"
            + expires
            + "'");
  }

  @Test
  void parse_refusesSpecVersion2() {
    ObjectNode signed = SignedFixtures.snapshot(2);
    signed.put("spec_version", "2.0.0");

    assertRefused(
        Metadata::snapshot,
        sign(signed, snapshotKey),
        "snapshot metadata: unsupported spec_version '2.0.0': this client reads 1.x");
  }

  @Test
  void parse_acceptsSpecVersion10() {
    ObjectNode signed = SignedFixtures.snapshot(2);
    signed.put("spec_version", "1.0");

    assertEquals(3, Metadata.snapshot(sign(signed, snapshotKey)).signed().version());
  }

  @Test
  void parse_refusesVersion0() {
    ObjectNode signed = SignedFixtures.snapshot(2);
    signed.put("version", 0);

    assertRefused(
        Metadata::snapshot,
        sign(signed, snapshotKey),
        "snapshot metadata: 'version' must be at least 1, not 0");
  }

  @Test
  void parse_refusesVersionAsString() {
    ObjectNode signed = SignedFixtures.snapshot(2);
    signed.put("version", "3");

    assertRefused(
        Metadata::snapshot,
        sign(signed, snapshotKey),
        "snapshot metadata: 'version' must be an integer");
  }

  @Test
  void timestamp_refusesMetaWithoutSnapshot() {
    ObjectNode signed = SignedFixtures.timestamp(3);
    ObjectNode meta = (ObjectNode) signed.path("meta");
    meta.set("targets.json", meta.remove("snapshot.json"));

    assertRefused(
        Metadata::timestamp,
        sign(signed, timestampKey),
        "timestamp metadata: 'meta' must describe snapshot.json and nothing else");
  }

  @Test
  void timestamp_refusesMetaWithMoreThanSnapshot() {
    ObjectNode signed = SignedFixtures.timestamp(3);
    ((ObjectNode) signed.path("meta")).putObject("targets.json").put("version", 1);

    assertRefused(
        Metadata::timestamp,
        sign(signed, timestampKey),
        "timestamp metadata: 'meta' must describe snapshot.json and nothing else");
  }

  @Test
  void timestamp_refusesNegativeSnapshotLength() {
    ObjectNode signed = SignedFixtures.timestamp(3);
    ((ObjectNode) signed.path("meta").path("snapshot.json")).put("length", -1);

    assertRefused(
        Metadata::timestamp,
        sign(signed, timestampKey),
        "timestamp metadata: 'length' may not be negative");
  }

  @Test
  void timestamp_refusesEmptySnapshotHashes() {
    ObjectNode signed = SignedFixtures.timestamp(3);
    ((ObjectNode) signed.path("meta").path("snapshot.json")).putObject("hashes");

    assertRefused(
        Metadata::timestamp,
        sign(signed, timestampKey),
        "timestamp metadata: 'hashes' must name at least one hash");
  }

  @Test
  void snapshot_refusesMetaWithoutTargets() {
    ObjectNode signed = SignedFixtures.snapshot(2);
    ObjectNode meta = (ObjectNode) signed.path("meta");
    meta.set("eole.json", meta.remove("targets.json"));

    assertRefused(
        Metadata::snapshot,
        sign(signed, snapshotKey),
        "snapshot metadata: 'meta' does not describe targets.json");
  }

  @Test
  void targets_refusesNegativeLength() {
    ObjectNode signed = SignedFixtures.targets();
    ((ObjectNode) signed.path("targets").path("eole/eole-1.0.0.tar.gz")).put("length", -31);

    assertRefused(
        Metadata::targets,
        sign(signed, targetsKey),
        "targets metadata: target 'eole/eole-1.0.0.tar.gz' has a negative length");
  }

  @Test
  void targets_refusesTargetWithoutHashes() {
    ObjectNode signed = SignedFixtures.targets();
    ((ObjectNode) signed.path("targets").path("eole/eole-1.0.0.tar.gz")).remove("hashes");

    assertRefused(
        Metadata::targets,
        sign(signed, targetsKey),
        "targets metadata: 'hashes' must be an object");
  }

  @Test
  void targets_refusesTargetWithEmptyHashes() {
    ObjectNode signed = SignedFixtures.targets();
    ((ObjectNode) signed.path("targets").path("eole/eole-1.0.0.tar.gz")).putObject("hashes");

    assertRefused(
        Metadata::targets,
        sign(signed, targetsKey),
        "targets metadata: 'hashes' must name at least one hash");
  }

  @Test
  void targets_refusesDelegatedRoleWithPathsAndPathHashPrefixes() {
    ObjectNode signed = SignedFixtures.targetsDelegating(delegateKey);
    delegatedRole(signed).putArray("path_hash_prefixes").add("8f");

    assertRefused(
        Metadata::targets,
        sign(signed, targetsKey),
        "targets metadata: role 'eole' needs exactly one of 'paths' and 'path_hash_prefixes'");
  }

  @Test
  void targets_refusesDelegatedRoleWithNeitherPathsNorPathHashPrefixes() {
    ObjectNode signed = SignedFixtures.targetsDelegating(delegateKey);
    delegatedRole(signed).remove("paths");

    assertRefused(
        Metadata::targets,
        sign(signed, targetsKey),
        "targets metadata: role 'eole' needs exactly one of 'paths' and 'path_hash_prefixes'");
  }

  @Test
  void targets_refusesDelegatedRoleNamedRoot() {
    ObjectNode signed = SignedFixtures.targetsDelegating(delegateKey);
    delegatedRole(signed).put("name", "root");

    assertRefused(
        Metadata::targets,
        sign(signed, targetsKey),
        "targets metadata: a delegated role may not be named 'root'");
  }

  @Test
  void targets_refusesDelegatedRoleListedTwice() {
    ObjectNode signed = SignedFixtures.targetsDelegating(delegateKey);
    ArrayNode roles = (ArrayNode) signed.path("delegations").path("roles");
    roles.add(roles.get(0).deepCopy());

    assertRefused(
        Metadata::targets,
        sign(signed, targetsKey),
        "targets metadata: delegated role 'eole' is listed twice");
  }

  @Test
  void root_refusesMissingRole() {
    ObjectNode signed = rootSigned();
    ((ObjectNode) signed.path("roles")).remove("snapshot");

    assertRefused(
        Metadata::root, sign(signed, rootKey), "root metadata: 'roles' has no 'snapshot'");
  }

  @Test
  void root_refusesRoleListingAKeyTwice() {
    ObjectNode signed = rootSigned();
    ((ArrayNode) signed.path("roles").path("root").path("keyids")).add(rootKey.keyId());

    assertRefused(
        Metadata::root, sign(signed, rootKey), "root metadata: role 'root' lists a key id twice");
  }

  @Test
  void root_refusesThresholdZero() {
    ObjectNode signed = rootSigned();
    ((ObjectNode) signed.path("roles").path("root")).put("threshold", 0);

    assertRefused(
        Metadata::root,
        sign(signed, rootKey),
        "root metadata: 'threshold' must be at least 1, not 0");
  }

  @Test
  void root_refusesUnsupportedKey() {
    ObjectNode signed = rootSigned();
    ((ObjectNode) signed.path("keys").path(rootKey.keyId())).put("scheme", "rsassa-pss-sha256");

    assertRefused(
        Metadata::root,
        sign(signed, rootKey),
        "root metadata: key "
            + rootKey.keyId()
            + ": unsupported key type 'ed25519' with scheme 'rsassa-pss-sha256'");
  }

  /** Specification 1.0.31, root.json KEYID: clients MUST calculate each KEYID to verify it. */
  @Test
  void root_refusesKeyListedUnderAnotherId() {
    String forged = "1bf1c6e3cdd3d3a8420b19199e27511999850f4b376c4547b2f32fba7e80fca3";
    ObjectNode signed = rootSigned();
    ((ObjectNode) signed.path("keys")).set(forged, timestampKey.publicKey().toJson());

    assertRefused(
        Metadata::root,
        sign(signed, rootKey),
        "root metadata: key "
            + forged
            + " is listed under another id than its own, "
            + timestampKey.keyId());
  }

  @Test
  void targets_refusesDelegationKeyListedUnderAnotherId() {
    ObjectNode signed = SignedFixtures.targetsDelegating(delegateKey);
    ObjectNode keys = (ObjectNode) signed.path("delegations").path("keys");
    keys.set(rootKey.keyId(), keys.remove(delegateKey.keyId()));

    assertRefused(
        Metadata::targets,
        sign(signed, targetsKey),
        "targets metadata: key "
            + rootKey.keyId()
            + " is listed under another id than its own, "
            + delegateKey.keyId());
  }

  @Test
  void isExpired_fromTheExpiryInstantOn() {
    TimestampMetadata timestamp =
        Metadata.timestamp(sign(SignedFixtures.timestamp(3), timestampKey)).signed();

    assertFalse(timestamp.isExpired(Instant.parse("2029-12-31T23:59:59Z")));
    assertTrue(timestamp.isExpired(Instant.parse("2030-01-01T00:00:00Z")));
  }

  @Test
  void formatException_namesTheRole() {
    MetadataFormatException e =
        assertThrows(MetadataFormatException.class, () -> Metadata.snapshot("[]".getBytes(UTF_8)));

    assertEquals("snapshot", e.role());
    assertNull(e.getCause());
  }

  private static ObjectNode delegatedRole(ObjectNode targets) {
    return (ObjectNode) targets.path("delegations").path("roles").get(0);
  }

  private String hexSignature(Ed25519SigningKey key) {
    return HexFormat.of().formatHex(key.sign(CanonicalJson.encode(rootSigned())));
  }

  private static ObjectNode json(byte[] file) {
    return (ObjectNode) StrictJson.parse(file);
  }

  private static void assertRefused(
      Function<byte[], Metadata<?>> parser, byte[] file, String message) {
    MetadataFormatException e =
        assertThrows(MetadataFormatException.class, () -> parser.apply(file));
    assertEquals(message, e.getMessage());
  }
}
