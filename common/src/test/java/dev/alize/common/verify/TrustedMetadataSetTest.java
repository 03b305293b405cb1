package dev.alize.common.verify;

import static dev.alize.common.verify.RepositorySimulator.PAST;
import static dev.alize.common.verify.RepositorySimulator.REFERENCE_TIME;
import static dev.alize.common.verify.RepositorySimulator.SAFE_EXPIRY;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.codec.Hashes;
import dev.alize.common.crypto.Ed25519SigningKey;
import dev.alize.common.crypto.PublicKey;
import dev.alize.common.tuf.DelegatedRole;
import dev.alize.common.tuf.MetaFile;
import dev.alize.common.tuf.Metadata;
import dev.alize.common.tuf.MetadataFormatException;
import dev.alize.common.tuf.RootMetadata;
import dev.alize.common.tuf.SnapshotMetadata;
import dev.alize.common.tuf.TargetFile;
import dev.alize.common.tuf.TargetsMetadata;
import dev.alize.common.tuf.TimestampMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client workflow of the specification (section 5) against an in-memory repository, one test
 * per behaviour or attack, after python-tuf's and go-tuf's tests of their trusted metadata sets.
 */
class TrustedMetadataSetTest {

  private final RepositorySimulator sim = new RepositorySimulator();

  /** Targets delegates eole/* to the role "eole"; snapshot 2 and timestamp 2 list them. */
  @BeforeEach
  void delegateEole() {
    sim.addDelegation("targets", "eole", true, List.of("eole/*"), null);
    sim.addTarget("eole", "eole/eole-1.0.0.tar.gz", "eole 1.0.0".getBytes(UTF_8));
    sim.updateSnapshot();
  }

  // Happy path

  @Test
  void update_acceptsEveryRoleFromRootToNestedDelegatedTargets() {
    String ltsPath = "eole/eole-lts-2.0.0.tar.gz";
    String prefix = Hashes.sha256Hex(ltsPath.getBytes(UTF_8)).substring(0, 2);
    sim.addDelegation("eole", "eole-lts", false, null, List.of(prefix));
    TargetFile lts = sim.addTarget("eole-lts", ltsPath, "eole lts 2.0.0".getBytes(UTF_8));
    sim.computeMetaHashes = true;
    sim.updateSnapshot();
    sim.root.version = 2;
    sim.publishRoot();

    TrustedMetadataSet set = trustedSet();
    Metadata<RootMetadata> root = set.updateRoot(sim.rootBytes(2));
    TimestampUpdate timestamp = set.updateTimestamp(sim.metadata("timestamp"));
    Metadata<SnapshotMetadata> snapshot = set.updateSnapshot(sim.metadata("snapshot"), false);
    Metadata<TargetsMetadata> targets = set.updateTargets(sim.metadata("targets"));
    Metadata<TargetsMetadata> eole =
        set.updateDelegatedTargets(sim.metadata("eole"), "eole", "targets");
    Metadata<TargetsMetadata> eoleLts =
        set.updateDelegatedTargets(sim.metadata("eole-lts"), "eole-lts", "eole");

    assertSame(root, set.root());
    assertEquals(2, root.signed().version());
    assertEquals(TimestampUpdate.UPDATED, timestamp);
    assertEquals(3, set.timestamp().orElseThrow().signed().version());
    assertSame(snapshot, set.snapshot().orElseThrow());
    assertEquals(
        Set.of("targets.json", "eole.json", "eole-lts.json"), snapshot.signed().meta().keySet());
    assertSame(targets, set.targets("targets").orElseThrow());
    assertSame(eole, set.targets("eole").orElseThrow());
    assertSame(eoleLts, set.targets("eole-lts").orElseThrow());
    DelegatedRole eoleRole = targets.signed().delegations().get(0);
    assertEquals("eole", eoleRole.name());
    assertTrue(eoleRole.terminating());
    assertEquals(List.of("eole/*"), eoleRole.paths());
    DelegatedRole ltsRole = eole.signed().delegations().get(0);
    assertFalse(ltsRole.terminating());
    assertEquals(List.of(prefix), ltsRole.pathHashPrefixes());
    assertTrue(ltsRole.isDelegatedPath(ltsPath));
    assertEquals(lts, eoleLts.signed().targets().get(ltsPath));
    LengthAndHashes.verify("eole-lts", sim.targetFile(ltsPath), lts.length(), lts.hashes());
  }

  @Test
  void updateDelegatedTargets_refusesARoleReachedThroughASecondDelegator() {
    sim.addDelegation("targets", "other", false, List.of("other/*"), null);
    sim.addDelegation("eole", "shared", false, List.of("eole/*"), null);
    sim.role("other")
        .delegations
        .add(new RepositorySimulator.Delegation("shared", false, List.of("eole/*"), null));
    sim.updateSnapshot();
    TrustedMetadataSet set = trustedSet();
    set.updateTimestamp(sim.metadata("timestamp"));
    set.updateSnapshot(sim.metadata("snapshot"), false);
    set.updateTargets(sim.metadata("targets"));
    set.updateDelegatedTargets(sim.metadata("eole"), "eole", "targets");
    set.updateDelegatedTargets(sim.metadata("other"), "other", "targets");
    Metadata<TargetsMetadata> shared =
        set.updateDelegatedTargets(sim.metadata("shared"), "shared", "eole");

    RepositoryException e =
        assertThrows(
            RepositoryException.class,
            () -> set.updateDelegatedTargets(sim.metadata("shared"), "shared", "other"));
    assertTrue(
        e.getMessage()
            .contains(
                "shared is delegated by both eole and other: a role reached through two"
                    + " delegators is refused"),
        e.getMessage());
    assertThrows(RepositoryException.class, () -> set.targets("shared", "other"));
    assertSame(shared, set.targets("shared", "eole").orElseThrow());
    assertSame(shared, set.targets("shared").orElseThrow());
  }

  // Trusted root

  @Test
  void constructor_rejectsRootNotSignedByItsOwnKeys() {
    sim.root.signers.set(0, RepositorySimulator.newKey());
    byte[] root = sim.publishRoot();

    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class, () -> new TrustedMetadataSet(root, REFERENCE_TIME));

    assertUnsigned(e, "root", 0, 1);
  }

  @Test
  void constructor_rejectsRootBelowItsOwnThreshold() {
    Ed25519SigningKey second = sim.root.addKey();
    sim.root.threshold = 2;
    sim.root.signers.remove(second);
    byte[] root = sim.publishRoot();

    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class, () -> new TrustedMetadataSet(root, REFERENCE_TIME));

    assertUnsigned(e, "root", 1, 2);
  }

  // Signatures

  @Test
  void updateTimestamp_rejectsSignatureByKeyUnknownToRoot() {
    sim.timestamp.signers.set(0, RepositorySimulator.newKey());
    TrustedMetadataSet set = trustedSet();
    Trusted before = trusted(set);

    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class, () -> set.updateTimestamp(sim.metadata("timestamp")));

    assertUnsigned(e, "timestamp", 0, 1);
    assertUnchanged(before, set);
  }

  @Test
  void updateTimestamp_rejectsSignatureByAnotherRolesKey() {
    sim.timestamp.signers.set(0, sim.snapshot.signers.get(0));
    TrustedMetadataSet set = trustedSet();
    Trusted before = trusted(set);

    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class, () -> set.updateTimestamp(sim.metadata("timestamp")));

    assertUnsigned(e, "timestamp", 0, 1);
    assertUnchanged(before, set);
  }

  @Test
  void updateTimestamp_rejectsFewerValidSignaturesThanThreshold() {
    sim.timestamp.addKey();
    Ed25519SigningKey third = sim.timestamp.addKey();
    sim.timestamp.threshold = 3;
    sim.publishRoot();
    sim.timestamp.signers.remove(third);
    sim.timestamp.signers.add(RepositorySimulator.newKey());
    TrustedMetadataSet set = trustedSet();
    Trusted before = trusted(set);

    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class, () -> set.updateTimestamp(sim.metadata("timestamp")));

    assertUnsigned(e, "timestamp", 2, 3);
    assertUnchanged(before, set);
  }

  @Test
  void updateTimestamp_rejectsOneSignatureRepeatedToReachThreshold() {
    Ed25519SigningKey second = sim.timestamp.addKey();
    sim.timestamp.threshold = 2;
    sim.publishRoot();
    sim.timestamp.signers.remove(second);
    sim.timestamp.afterSigning =
        file -> {
          ArrayNode signatures = (ArrayNode) file.get("signatures");
          signatures.add(signatures.get(0).deepCopy());
        };
    TrustedMetadataSet set = trustedSet();
    Trusted before = trusted(set);

    RepositoryException e =
        assertThrowsExactly(
            RepositoryException.class, () -> set.updateTimestamp(sim.metadata("timestamp")));

    assertEquals("timestamp", e.role());
    assertTrue(e.getMessage().contains("signed twice"), e.getMessage());
    assertUnchanged(before, set);
  }

  @Test
  void updateTimestamp_rejectsOneKeyListedUnderTwoIdsToReachThreshold() {
    Ed25519SigningKey key = sim.timestamp.signers.get(0);
    ObjectNode aliasJson = key.publicKey().toJson();
    aliasJson.putArray("keyid_hash_algorithms").add("sha256").add("sha512");
    PublicKey alias = PublicKey.fromJson(aliasJson);
    assertNotEquals(key.keyId(), alias.keyId());
    sim.timestamp.keys.add(alias);
    sim.timestamp.threshold = 2;
    sim.publishRoot();
    sim.timestamp.afterSigning =
        file -> {
          ArrayNode signatures = (ArrayNode) file.get("signatures");
          String sig = signatures.get(0).get("sig").textValue();
          signatures.addObject().put("keyid", alias.keyId()).put("sig", sig);
        };
    TrustedMetadataSet set = trustedSet();
    assertEquals(2, set.root().signed().role("timestamp").keyIds().size());
    Trusted before = trusted(set);

    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class, () -> set.updateTimestamp(sim.metadata("timestamp")));

    assertUnsigned(e, "timestamp", 1, 2);
    assertUnchanged(before, set);
  }

  @Test
  void updateTimestamp_rejectsBytesChangedAfterSigning() {
    sim.timestamp.afterSigning = file -> ((ObjectNode) file.get("signed")).put("version", 9);
    TrustedMetadataSet set = trustedSet();
    Trusted before = trusted(set);

    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class, () -> set.updateTimestamp(sim.metadata("timestamp")));

    assertUnsigned(e, "timestamp", 0, 1);
    assertUnchanged(before, set);
  }

  /** Keys and signatures of timestamp, snapshot or targets, as python-tuf's rotation table. */
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("topLevelKeyCases")
  void topLevelRole_isVerifiedAgainstRootsKeysAndThreshold(
      String role, String name, KeysAndSignatures keys, Refusal refusal) {
    List<Ed25519SigningKey> pool = keyPool();
    RepositorySimulator.Role signed = sim.role(role);
    signed.clearKeys();
    keys.keys().forEach(i -> signed.keys.add(pool.get(i).publicKey()));
    keys.sigs().forEach(i -> signed.signers.add(pool.get(i)));
    signed.threshold = keys.threshold();
    sim.publishRoot();
    TrustedMetadataSet set = trustedSet();
    Map<String, Consumer<byte[]>> steps = new LinkedHashMap<>();
    steps.put("timestamp", set::updateTimestamp);
    steps.put("snapshot", bytes -> set.updateSnapshot(bytes, false));
    steps.put("targets", set::updateTargets);
    for (Map.Entry<String, Consumer<byte[]>> step : steps.entrySet()) {
      if (step.getKey().equals(role)) {
        break;
      }
      step.getValue().accept(sim.metadata(step.getKey()));
    }
    Consumer<byte[]> update = steps.get(role);
    byte[] bytes = sim.metadata(role);

    if (refusal == null) {
      update.accept(bytes);
      Metadata<?> loaded =
          switch (role) {
            case "timestamp" -> set.timestamp().orElseThrow();
            case "snapshot" -> set.snapshot().orElseThrow();
            default -> set.targets(role).orElseThrow();
          };
      assertArrayEquals(bytes, loaded.raw());
    } else {
      Trusted before = trusted(set);
      UnsignedMetadataException e =
          assertThrows(UnsignedMetadataException.class, () -> update.accept(bytes));
      assertUnsigned(e, role, refusal.valid(), refusal.threshold());
      assertUnchanged(before, set);
    }
  }

  static Stream<Arguments> topLevelKeyCases() {
    List<Arguments> cases =
        List.of(
            arguments("1-of-1, new key", keys(List.of(2), 1, List.of(2)), null),
            arguments("1-of-1, unused signatures", keys(List.of(1), 1, List.of(3, 1, 4)), null),
            arguments(
                "1-of-1, not signed by the listed key",
                keys(List.of(2), 1, List.of(1, 3, 4)),
                new Refusal(0, 1)),
            arguments(
                "3-of-5, one signature by an unlisted key",
                keys(List.of(0, 1, 3, 4, 5), 3, List.of(0, 2, 4)),
                new Refusal(2, 3)),
            arguments(
                "3-of-5, one signature missing",
                keys(List.of(0, 1, 3, 4, 5), 3, List.of(0, 4)),
                new Refusal(2, 3)),
            arguments("3-of-5, first combination", keys(range(5), 3, List.of(0, 2, 4)), null),
            arguments("3-of-5, second combination", keys(range(5), 3, List.of(0, 4, 1)), null),
            arguments("3-of-5, third combination", keys(range(5), 3, List.of(0, 1, 3)), null),
            arguments("3-of-5, fourth combination", keys(range(5), 3, List.of(1, 2, 3)), null),
            arguments("3-of-5, fifth combination", keys(range(5), 3, List.of(2, 3, 4)), null));
    return Stream.of("timestamp", "snapshot", "targets")
        .flatMap(
            role ->
                cases.stream()
                    .map(
                        c -> {
                          Object[] a = c.get();
                          return arguments(role, a[0], a[1], a[2]);
                        }));
  }

  // Root updates

  @Test
  void updateRoot_rejectsSkippedVersion() {
    sim.root.version = 3;
    byte[] root3 = sim.publishRoot();
    TrustedMetadataSet set = trustedSet();
    Trusted before = trusted(set);

    BadVersionException e = assertThrows(BadVersionException.class, () -> set.updateRoot(root3));

    assertBadVersion(e, "root", 2, 3);
    assertUnchanged(before, set);
  }

  @Test
  void updateRoot_rejectsSameVersion() {
    TrustedMetadataSet set = trustedSet();
    Trusted before = trusted(set);

    BadVersionException e =
        assertThrows(BadVersionException.class, () -> set.updateRoot(sim.rootBytes(1)));

    assertBadVersion(e, "root", 2, 1);
    assertUnchanged(before, set);
  }

  @Test
  void updateRoot_rejectsRotationSignedOnlyByOldKeys() {
    Ed25519SigningKey old = sim.root.signers.get(0);
    sim.root.clearKeys();
    sim.root.addKey();
    sim.root.signers.set(0, old);
    sim.root.version = 2;
    byte[] root2 = sim.publishRoot();
    TrustedMetadataSet set = trustedSet();
    Trusted before = trusted(set);

    UnsignedMetadataException e =
        assertThrows(UnsignedMetadataException.class, () -> set.updateRoot(root2));

    assertUnsigned(e, "root", 0, 1);
    assertTrue(e.getMessage().contains("the new root"), e.getMessage());
    assertUnchanged(before, set);
  }

  @Test
  void updateRoot_rejectsRotationSignedOnlyByNewKeys() {
    sim.root.clearKeys();
    sim.root.addKey();
    sim.root.version = 2;
    byte[] root2 = sim.publishRoot();
    TrustedMetadataSet set = trustedSet();
    Trusted before = trusted(set);

    UnsignedMetadataException e =
        assertThrows(UnsignedMetadataException.class, () -> set.updateRoot(root2));

    assertUnsigned(e, "root", 0, 1);
    assertTrue(e.getMessage().contains("the trusted root"), e.getMessage());
    assertUnchanged(before, set);
  }

  @Test
  void updateRoot_followsChainOfRotationsThatAddAndRemoveKeysAndRaiseThreshold() {
    Ed25519SigningKey a = sim.root.signers.get(0);
    Ed25519SigningKey b = sim.root.addKey();
    Ed25519SigningKey c = sim.root.addKey();
    sim.root.threshold = 2;
    sim.root.version = 2;
    sim.publishRoot();
    sim.root.removeKey(a);
    sim.root.version = 3;
    sim.publishRoot();
    Ed25519SigningKey d = sim.root.addKey();
    sim.root.threshold = 3;
    sim.timestamp.clearKeys();
    sim.timestamp.addKey();
    sim.root.version = 4;
    sim.publishRoot();
    sim.root.signers.clear();
    sim.root.signers.addAll(List.of(a, b, c));
    sim.root.version = 5;
    byte[] root5 = sim.publishRoot();
    TrustedMetadataSet set = trustedSet();

    for (long version = 2; version <= 4; version++) {
      assertEquals(version, set.updateRoot(sim.rootBytes(version)).signed().version());
    }
    Trusted before = trusted(set);
    UnsignedMetadataException e =
        assertThrows(UnsignedMetadataException.class, () -> set.updateRoot(root5));

    assertUnsigned(e, "root", 2, 3);
    assertUnchanged(before, set);
    assertEquals(
        Set.of(b.keyId(), c.keyId(), d.keyId()),
        Set.copyOf(set.root().signed().role("root").keyIds()));
    assertEquals(TimestampUpdate.UPDATED, set.updateTimestamp(sim.metadata("timestamp")));
  }

  /** Root versions 1..n, each with its keys, threshold and signers, as python-tuf's table. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("rootRotations")
  void updateRoot_keyRotation(String name, List<KeysAndSignatures> versions, Refusal refusal) {
    List<Ed25519SigningKey> pool = keyPool();
    for (int i = 0; i < versions.size(); i++) {
      KeysAndSignatures v = versions.get(i);
      sim.root.clearKeys();
      v.keys().forEach(k -> sim.root.keys.add(pool.get(k).publicKey()));
      v.sigs().forEach(k -> sim.root.signers.add(pool.get(k)));
      sim.root.threshold = v.threshold();
      sim.root.version = i + 1;
      sim.publishRoot();
    }
    int last = versions.size();
    TrustedMetadataSet set = trustedSet();
    for (long version = 2; version < last; version++) {
      set.updateRoot(sim.rootBytes(version));
    }
    byte[] finalRoot = sim.rootBytes(last);

    if (refusal == null) {
      set.updateRoot(finalRoot);
      assertEquals(last, set.root().signed().version());
      assertEquals(TimestampUpdate.UPDATED, set.updateTimestamp(sim.metadata("timestamp")));
    } else {
      Trusted before = trusted(set);
      UnsignedMetadataException e =
          assertThrows(UnsignedMetadataException.class, () -> set.updateRoot(finalRoot));
      assertUnsigned(e, "root", refusal.valid(), refusal.threshold());
      assertUnchanged(before, set);
      assertEquals(last - 1, set.root().signed().version());
    }
  }

  static Stream<Arguments> rootRotations() {
    return Stream.of(
        arguments(
            "1-of-1 key rotation",
            List.of(
                keys(List.of(1), 1, List.of(1)),
                keys(List.of(2), 1, List.of(2, 1)),
                keys(List.of(2), 1, List.of(2))),
            null),
        arguments(
            "1-of-1 key rotation, unused signatures",
            List.of(
                keys(List.of(1), 1, List.of(3, 1, 4)),
                keys(List.of(2), 1, List.of(3, 2, 1, 4)),
                keys(List.of(2), 1, List.of(3, 2, 4))),
            null),
        arguments(
            "1-of-1 key rotation fails: not signed by the old key",
            List.of(keys(List.of(1), 1, List.of(1)), keys(List.of(2), 1, List.of(2, 3, 4))),
            new Refusal(0, 1)),
        arguments(
            "1-of-1 key rotation fails: not signed by the new key",
            List.of(keys(List.of(1), 1, List.of(1)), keys(List.of(2), 1, List.of(1, 3, 4))),
            new Refusal(0, 1)),
        arguments(
            "3-of-5, signed by different combinations",
            List.of(
                keys(range(5), 3, List.of(0, 2, 4)),
                keys(range(5), 3, List.of(0, 4, 1)),
                keys(range(5), 3, List.of(0, 1, 3)),
                keys(range(5), 3, List.of(0, 1, 3))),
            null),
        arguments(
            "3-of-5, one key rotated",
            List.of(
                keys(range(5), 3, List.of(0, 2, 4)),
                keys(List.of(0, 1, 3, 4, 5), 3, List.of(0, 4, 1))),
            null),
        arguments(
            "3-of-5, one key rotation fails: not signed by 3 new keys",
            List.of(
                keys(range(5), 3, List.of(0, 2, 4)),
                keys(List.of(0, 1, 3, 4, 5), 3, List.of(0, 2, 4))),
            new Refusal(2, 3)),
        arguments(
            "3-of-5, one key rotation fails: not signed by 3 old keys",
            List.of(
                keys(range(5), 3, List.of(0, 2, 4)),
                keys(List.of(0, 1, 3, 4, 5), 3, List.of(0, 4, 5))),
            new Refusal(2, 3)),
        arguments(
            "3-of-5, one key rotated, with an intermediate step",
            List.of(
                keys(range(5), 3, List.of(0, 2, 4)),
                keys(List.of(0, 1, 3, 4, 5), 3, List.of(0, 2, 4, 5)),
                keys(List.of(0, 1, 3, 4, 5), 3, List.of(0, 4, 5))),
            null),
        arguments(
            "3-of-5, all keys rotated, with an intermediate step",
            List.of(
                keys(range(5), 3, List.of(0, 2, 4)),
                keys(List.of(5, 6, 7, 8, 9), 3, List.of(0, 2, 4, 5, 6, 7)),
                keys(List.of(5, 6, 7, 8, 9), 3, List.of(5, 6, 7))),
            null),
        arguments(
            "1-of-3 threshold raised to 2-of-3",
            List.of(
                keys(List.of(1, 2, 3), 1, List.of(1)), keys(List.of(1, 2, 3), 2, List.of(1, 2))),
            null),
        arguments(
            "1-of-3 threshold raised to 2-of-3 fails: new threshold not reached",
            List.of(keys(List.of(1, 2, 3), 1, List.of(1)), keys(List.of(1, 2, 3), 2, List.of(2))),
            new Refusal(1, 2)),
        arguments(
            "2-of-3 threshold lowered to 1-of-3",
            List.of(
                keys(List.of(1, 2, 3), 2, List.of(1, 2)),
                keys(List.of(1, 2, 3), 1, List.of(1, 2)),
                keys(List.of(1, 2, 3), 1, List.of(1))),
            null),
        arguments(
            "2-of-3 threshold lowered to 1-of-3 fails: old threshold not reached",
            List.of(
                keys(List.of(1, 2, 3), 2, List.of(1, 2)), keys(List.of(1, 2, 3), 1, List.of(1))),
            new Refusal(1, 2)),
        arguments(
            "1-of-1 grown to 2-of-2",
            List.of(keys(List.of(1), 1, List.of(1)), keys(List.of(1, 2), 2, List.of(1, 2))),
            null));
  }

  @Test
  void updateRoot_acceptsExpiredIntermediateRoot() {
    sim.root.expires = PAST;
    sim.root.version = 2;
    sim.publishRoot();
    sim.root.expires = SAFE_EXPIRY;
    sim.root.version = 3;
    sim.publishRoot();
    TrustedMetadataSet set = trustedSet();

    set.updateRoot(sim.rootBytes(2));
    set.updateRoot(sim.rootBytes(3));

    assertEquals(TimestampUpdate.UPDATED, set.updateTimestamp(sim.metadata("timestamp")));
  }

  @Test
  void updateTimestamp_rejectsExpiredFinalRoot() {
    sim.root.expires = PAST;
    sim.root.version = 2;
    sim.publishRoot();
    TrustedMetadataSet set = trustedSet();
    set.updateRoot(sim.rootBytes(2));
    Trusted before = trusted(set);

    ExpiredMetadataException e =
        assertThrows(
            ExpiredMetadataException.class, () -> set.updateTimestamp(sim.metadata("timestamp")));

    assertEquals("root", e.role());
    assertEquals(PAST, e.expires());
    assertUnchanged(before, set);
  }

  @Test
  void updateTimestamp_rejectsExpiredTrustedRootWithoutNewerOne() {
    sim.root.expires = PAST;
    TrustedMetadataSet set = new TrustedMetadataSet(sim.publishRoot(), REFERENCE_TIME);

    ExpiredMetadataException e =
        assertThrows(
            ExpiredMetadataException.class, () -> set.updateTimestamp(sim.metadata("timestamp")));

    assertEquals("root", e.role());
    assertTrue(set.timestamp().isEmpty());
  }

  // A set kept from an earlier refresh

  @ParameterizedTest
  @ValueSource(strings = {"root", "timestamp", "snapshot", "targets", "eole"})
  void checkNotExpired_refusesAKeptSetOnceAnyRoleItHoldsExpires(String role) {
    Instant expiry = REFERENCE_TIME.plus(Duration.ofDays(1));
    sim.role(role).expires = expiry;
    sim.publishRoot();
    TrustedMetadataSet set = withTargets();
    set.updateDelegatedTargets(sim.metadata("eole"), "eole", "targets");
    Trusted before = trusted(set);

    set.checkNotExpired(expiry.minusSeconds(1));
    ExpiredMetadataException e =
        assertThrowsExactly(ExpiredMetadataException.class, () -> set.checkNotExpired(expiry));

    assertEquals(role, e.role());
    assertEquals(expiry, e.expires());
    assertUnchanged(before, set);
  }

  // Timestamp

  @Test
  void updateTimestamp_rejectsVersionRollback() {
    byte[] timestamp2 = sim.metadata("timestamp");
    sim.updateTimestamp();
    TrustedMetadataSet set = trustedSet();
    set.updateTimestamp(sim.metadata("timestamp"));
    Trusted before = trusted(set);

    BadVersionException e =
        assertThrows(BadVersionException.class, () -> set.updateTimestamp(timestamp2));

    assertBadVersion(e, "timestamp", 3, 2);
    assertUnchanged(before, set);
  }

  @Test
  void updateTimestamp_returnsUnchangedForTrustedVersion() {
    TrustedMetadataSet set = trustedSet();
    assertEquals(TimestampUpdate.UPDATED, set.updateTimestamp(sim.metadata("timestamp")));
    Trusted before = trusted(set);
    sim.timestampMeta = new MetaFile(7, null, Map.of());

    assertEquals(TimestampUpdate.UNCHANGED, set.updateTimestamp(sim.metadata("timestamp")));

    assertUnchanged(before, set);
    assertEquals(2, set.timestamp().orElseThrow().signed().snapshot().version());
  }

  @Test
  void updateTimestamp_rejectsSnapshotVersionRollback() {
    TrustedMetadataSet set = trustedSet();
    set.updateTimestamp(sim.metadata("timestamp"));
    Trusted before = trusted(set);
    sim.timestampMeta = new MetaFile(1, null, Map.of());
    sim.timestamp.version++;

    BadVersionException e =
        assertThrows(
            BadVersionException.class, () -> set.updateTimestamp(sim.metadata("timestamp")));

    assertBadVersion(e, "timestamp", 2, 1);
    assertUnchanged(before, set);
  }

  @Test
  void updateTimestamp_keepsExpiredTimestampForRollbackProtectionButSnapshotRefusesIt() {
    byte[] timestamp2 = sim.metadata("timestamp");
    sim.timestamp.expires = PAST;
    sim.updateTimestamp();
    TrustedMetadataSet set = trustedSet();

    ExpiredMetadataException e =
        assertThrows(
            ExpiredMetadataException.class, () -> set.updateTimestamp(sim.metadata("timestamp")));

    assertEquals("timestamp", e.role());
    assertEquals(PAST, e.expires());
    Metadata<TimestampMetadata> kept = set.timestamp().orElseThrow();
    assertEquals(3, kept.signed().version());
    BadVersionException rollback =
        assertThrows(BadVersionException.class, () -> set.updateTimestamp(timestamp2));
    assertBadVersion(rollback, "timestamp", 3, 2);
    ExpiredMetadataException forSnapshot =
        assertThrows(
            ExpiredMetadataException.class,
            () -> set.updateSnapshot(sim.metadata("snapshot"), false));
    assertEquals("timestamp", forSnapshot.role());
    assertSame(kept, set.timestamp().orElseThrow());
    assertTrue(set.snapshot().isEmpty());
  }

  @Test
  void updateTimestamp_treatsExpiryAtReferenceTimeAsExpired() {
    sim.timestamp.expires = REFERENCE_TIME;
    TrustedMetadataSet set = trustedSet();

    ExpiredMetadataException e =
        assertThrows(
            ExpiredMetadataException.class, () -> set.updateTimestamp(sim.metadata("timestamp")));

    assertEquals(REFERENCE_TIME, e.expires());
    sim.timestamp.expires = REFERENCE_TIME.plusSeconds(1);
    sim.timestamp.version++;
    assertEquals(TimestampUpdate.UPDATED, set.updateTimestamp(sim.metadata("timestamp")));
  }

  // Snapshot

  @Test
  void updateSnapshot_rejectsLengthOtherThanTimestamps() {
    sim.timestampMeta = new MetaFile(2, 1L, Map.of());
    sim.timestamp.version++;
    TrustedMetadataSet set = withTimestamp();
    Trusted before = trusted(set);

    LengthOrHashMismatchException e =
        assertThrows(
            LengthOrHashMismatchException.class,
            () -> set.updateSnapshot(sim.metadata("snapshot"), false));

    assertEquals("snapshot", e.role());
    assertTrue(e.getMessage().contains("signed length is 1"), e.getMessage());
    assertUnchanged(before, set);
  }

  @Test
  void updateSnapshot_rejectsHashOtherThanTimestamps() {
    sim.computeMetaHashes = true;
    sim.updateTimestamp();
    sim.snapshot.expires = SAFE_EXPIRY.plus(Duration.ofDays(1));
    TrustedMetadataSet set = withTimestamp();
    Trusted before = trusted(set);

    LengthOrHashMismatchException e =
        assertThrows(
            LengthOrHashMismatchException.class,
            () -> set.updateSnapshot(sim.metadata("snapshot"), false));

    assertEquals("snapshot", e.role());
    assertTrue(e.getMessage().contains("sha256"), e.getMessage());
    assertUnchanged(before, set);
  }

  @Test
  void updateSnapshot_rejectsSignatureByWrongKey() {
    sim.snapshot.signers.set(0, sim.targets.signers.get(0));
    TrustedMetadataSet set = withTimestamp();
    Trusted before = trusted(set);

    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class,
            () -> set.updateSnapshot(sim.metadata("snapshot"), false));

    assertUnsigned(e, "snapshot", 0, 1);
    assertUnchanged(before, set);
  }

  @Test
  void updateSnapshot_rejectsTargetsVersionRollback() {
    sim.targets.version = 2;
    sim.updateSnapshot();
    byte[] localSnapshot = sim.metadata("snapshot");
    sim.targets.version = 1;
    sim.updateSnapshot();
    TrustedMetadataSet set = withTimestamp();
    loadIntermediateSnapshot(set, localSnapshot);
    Trusted before = trusted(set);

    BadVersionException e =
        assertThrows(
            BadVersionException.class, () -> set.updateSnapshot(sim.metadata("snapshot"), false));

    assertBadVersion(e, "snapshot", 2, 1);
    assertTrue(e.getMessage().contains("targets.json"), e.getMessage());
    assertUnchanged(before, set);
  }

  @Test
  void updateSnapshot_rejectsRemovalOfTargetsRoleListedBefore() {
    byte[] localSnapshot = sim.metadata("snapshot");
    sim.snapshotMeta.remove("eole.json");
    sim.snapshot.version++;
    sim.updateTimestamp();
    TrustedMetadataSet set = withTimestamp();
    loadIntermediateSnapshot(set, localSnapshot);
    Trusted before = trusted(set);

    RepositoryException e =
        assertThrowsExactly(
            RepositoryException.class, () -> set.updateSnapshot(sim.metadata("snapshot"), false));

    assertEquals("snapshot", e.role());
    assertTrue(e.getMessage().contains("no longer lists eole.json"), e.getMessage());
    assertUnchanged(before, set);
  }

  @Test
  void updateSnapshot_trustedLocalCopySkipsHashesButStillGuardsRollback() {
    sim.computeMetaHashes = true;
    sim.targets.version = 2;
    sim.updateSnapshot();
    byte[] localSnapshot = sim.metadata("snapshot");
    sim.targets.version = 1;
    sim.updateSnapshot();
    TrustedMetadataSet set = withTimestamp();

    assertThrows(
        LengthOrHashMismatchException.class, () -> set.updateSnapshot(localSnapshot, false));
    loadIntermediateSnapshot(set, localSnapshot);
    BadVersionException e =
        assertThrows(
            BadVersionException.class, () -> set.updateSnapshot(sim.metadata("snapshot"), false));

    assertBadVersion(e, "snapshot", 2, 1);
    assertEquals(3, set.snapshot().orElseThrow().signed().version());
  }

  @Test
  void updateSnapshot_replacesIntermediateSnapshotWithTheOneTimestampNames() {
    byte[] localSnapshot = sim.metadata("snapshot");
    sim.snapshot.version++;
    sim.updateTimestamp();
    TrustedMetadataSet set = withTimestamp();
    loadIntermediateSnapshot(set, localSnapshot);

    set.updateSnapshot(sim.metadata("snapshot"), false);

    assertEquals(3, set.snapshot().orElseThrow().signed().version());
    assertEquals(1, set.updateTargets(sim.metadata("targets")).signed().version());
  }

  @Test
  void updateSnapshot_rejectsVersionOtherThanTimestampsAndBlocksTargets() {
    TrustedMetadataSet set = withTimestamp();
    sim.snapshot.version = 3;

    BadVersionException e =
        assertThrows(
            BadVersionException.class, () -> set.updateSnapshot(sim.metadata("snapshot"), false));

    assertBadVersion(e, "snapshot", 2, 3);
    assertEquals(3, set.snapshot().orElseThrow().signed().version());
    BadVersionException forTargets =
        assertThrows(BadVersionException.class, () -> set.updateTargets(sim.metadata("targets")));
    assertBadVersion(forTargets, "snapshot", 2, 3);
    assertTrue(set.targets("targets").isEmpty());
  }

  @Test
  void updateSnapshot_rejectsExpiredAndBlocksTargets() {
    sim.snapshot.expires = PAST;
    TrustedMetadataSet set = withTimestamp();

    ExpiredMetadataException e =
        assertThrows(
            ExpiredMetadataException.class,
            () -> set.updateSnapshot(sim.metadata("snapshot"), false));

    assertEquals("snapshot", e.role());
    assertEquals(PAST, e.expires());
    ExpiredMetadataException forTargets =
        assertThrows(
            ExpiredMetadataException.class, () -> set.updateTargets(sim.metadata("targets")));
    assertEquals("snapshot", forTargets.role());
    assertTrue(set.targets("targets").isEmpty());
  }

  // Targets

  @Test
  void updateTargets_rejectsVersionOtherThanSnapshots() {
    sim.targets.version = 2;
    TrustedMetadataSet set = withSnapshot();
    Trusted before = trusted(set);

    BadVersionException e =
        assertThrows(BadVersionException.class, () -> set.updateTargets(sim.metadata("targets")));

    assertBadVersion(e, "targets", 1, 2);
    assertUnchanged(before, set);
  }

  @Test
  void updateTargets_rejectsHashOtherThanSnapshots() {
    sim.computeMetaHashes = true;
    sim.updateSnapshot();
    sim.targets.expires = SAFE_EXPIRY.plus(Duration.ofDays(1));
    TrustedMetadataSet set = withSnapshot();
    Trusted before = trusted(set);

    LengthOrHashMismatchException e =
        assertThrows(
            LengthOrHashMismatchException.class, () -> set.updateTargets(sim.metadata("targets")));

    assertEquals("targets", e.role());
    assertUnchanged(before, set);
  }

  @Test
  void updateTargets_rejectsLengthOtherThanSnapshots() {
    sim.snapshotMeta.put("targets.json", new MetaFile(1, 1L, Map.of()));
    sim.snapshot.version++;
    sim.updateTimestamp();
    TrustedMetadataSet set = withSnapshot();
    Trusted before = trusted(set);

    LengthOrHashMismatchException e =
        assertThrows(
            LengthOrHashMismatchException.class, () -> set.updateTargets(sim.metadata("targets")));

    assertEquals("targets", e.role());
    assertUnchanged(before, set);
  }

  @Test
  void updateTargets_rejectsExpired() {
    sim.targets.expires = PAST;
    TrustedMetadataSet set = withSnapshot();
    Trusted before = trusted(set);

    ExpiredMetadataException e =
        assertThrows(
            ExpiredMetadataException.class, () -> set.updateTargets(sim.metadata("targets")));

    assertEquals("targets", e.role());
    assertEquals(PAST, e.expires());
    assertUnchanged(before, set);
  }

  // Fast-forward attack recovery

  @Test
  void timestampFastForward_isRecoveredByRotatingTimestampKey() {
    sim.timestamp.version = 99_999;
    byte[] fastForwarded = sim.metadata("timestamp");
    TrustedMetadataSet stuck = trustedSet();
    stuck.updateTimestamp(fastForwarded);
    sim.timestamp.version = 1;
    BadVersionException withOldKey =
        assertThrows(
            BadVersionException.class, () -> stuck.updateTimestamp(sim.metadata("timestamp")));
    assertBadVersion(withOldKey, "timestamp", 99_999, 1);
    sim.timestamp.clearKeys();
    sim.timestamp.addKey();
    sim.root.version = 2;
    sim.publishRoot();
    TrustedMetadataSet set = trustedSet();
    set.updateRoot(sim.rootBytes(2));

    UnsignedMetadataException e =
        assertThrows(UnsignedMetadataException.class, () -> set.updateTimestamp(fastForwarded));

    assertUnsigned(e, "timestamp", 0, 1);
    assertTrue(set.timestamp().isEmpty());
    assertEquals(TimestampUpdate.UPDATED, set.updateTimestamp(sim.metadata("timestamp")));
    assertEquals(1, set.timestamp().orElseThrow().signed().version());
    TrustedMetadataSet fromNewRoot = new TrustedMetadataSet(sim.rootBytes(2), REFERENCE_TIME);
    assertThrows(UnsignedMetadataException.class, () -> fromNewRoot.updateTimestamp(fastForwarded));
  }

  @Test
  void snapshotFastForward_isRecoveredByRotatingSnapshotAndTimestampKeys() {
    sim.snapshot.version = 99_999;
    sim.updateTimestamp();
    byte[] localTimestamp = sim.metadata("timestamp");
    byte[] localSnapshot = sim.metadata("snapshot");
    sim.snapshot.clearKeys();
    sim.snapshot.addKey();
    sim.timestamp.clearKeys();
    sim.timestamp.addKey();
    sim.root.version = 2;
    sim.publishRoot();
    sim.snapshot.version = 1;
    sim.updateTimestamp();
    TrustedMetadataSet set = trustedSet();
    set.updateRoot(sim.rootBytes(2));

    assertThrows(UnsignedMetadataException.class, () -> set.updateTimestamp(localTimestamp));
    set.updateTimestamp(sim.metadata("timestamp"));
    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class, () -> set.updateSnapshot(localSnapshot, true));

    assertUnsigned(e, "snapshot", 0, 1);
    assertTrue(set.snapshot().isEmpty());
    assertEquals(1, set.updateSnapshot(sim.metadata("snapshot"), false).signed().version());
  }

  @Test
  void snapshotFastForward_isNotRecoveredWithoutRotatingTimestampKey() {
    sim.snapshot.version = 99_999;
    sim.updateTimestamp();
    byte[] localTimestamp = sim.metadata("timestamp");
    sim.snapshot.clearKeys();
    sim.snapshot.addKey();
    sim.root.version = 2;
    sim.publishRoot();
    sim.snapshot.version = 1;
    sim.updateTimestamp();
    TrustedMetadataSet set = trustedSet();
    set.updateRoot(sim.rootBytes(2));
    set.updateTimestamp(localTimestamp);

    BadVersionException e =
        assertThrows(
            BadVersionException.class, () -> set.updateTimestamp(sim.metadata("timestamp")));

    assertBadVersion(e, "timestamp", 99_999, 1);
  }

  @Test
  void targetsFastForward_isRecoveredByRotatingSnapshotKey() {
    sim.targets.version = 99_999;
    sim.updateSnapshot();
    byte[] localTimestamp = sim.metadata("timestamp");
    byte[] localSnapshot = sim.metadata("snapshot");
    sim.snapshot.clearKeys();
    sim.snapshot.addKey();
    sim.root.version = 2;
    sim.publishRoot();
    sim.targets.version = 1;
    sim.updateSnapshot();
    TrustedMetadataSet set = trustedSet();
    set.updateRoot(sim.rootBytes(2));
    set.updateTimestamp(localTimestamp);
    set.updateTimestamp(sim.metadata("timestamp"));

    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class, () -> set.updateSnapshot(localSnapshot, true));

    assertUnsigned(e, "snapshot", 0, 1);
    set.updateSnapshot(sim.metadata("snapshot"), false);
    assertEquals(1, set.updateTargets(sim.metadata("targets")).signed().version());
  }

  // Delegated targets

  @Test
  void updateDelegatedTargets_rejectsSignatureByRootsTargetsKey() {
    sim.role("eole").signers.set(0, sim.targets.signers.get(0));
    TrustedMetadataSet set = withTargets();
    Trusted before = trusted(set);

    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class,
            () -> set.updateDelegatedTargets(sim.metadata("eole"), "eole", "targets"));

    assertUnsigned(e, "eole", 0, 1);
    assertTrue(e.getMessage().contains("targets's keys"), e.getMessage());
    assertUnchanged(before, set);
  }

  @Test
  void updateDelegatedTargets_rejectsFewerSignaturesThanDelegationThreshold() {
    RepositorySimulator.Role eole = sim.role("eole");
    Ed25519SigningKey second = eole.addKey();
    eole.threshold = 2;
    eole.signers.remove(second);
    TrustedMetadataSet set = withTargets();
    Trusted before = trusted(set);

    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class,
            () -> set.updateDelegatedTargets(sim.metadata("eole"), "eole", "targets"));

    assertUnsigned(e, "eole", 1, 2);
    assertUnchanged(before, set);
  }

  @Test
  void updateDelegatedTargets_rejectsRoleTheDelegatorDoesNotDelegate() {
    sim.addDelegation("eole", "eole-lts", false, List.of("eole/lts/*"), null);
    sim.updateSnapshot();
    TrustedMetadataSet set = withTargets();
    Trusted before = trusted(set);

    RepositoryException e =
        assertThrowsExactly(
            RepositoryException.class,
            () -> set.updateDelegatedTargets(sim.metadata("eole-lts"), "eole-lts", "targets"));

    assertEquals("eole-lts", e.role());
    assertTrue(e.getMessage().contains("targets does not delegate to eole-lts"), e.getMessage());
    assertUnchanged(before, set);
  }

  @Test
  void updateDelegatedTargets_rejectsRoleMissingFromSnapshot() {
    sim.snapshotMeta.remove("eole.json");
    sim.snapshot.version++;
    sim.updateTimestamp();
    TrustedMetadataSet set = withTargets();
    Trusted before = trusted(set);

    RepositoryException e =
        assertThrowsExactly(
            RepositoryException.class,
            () -> set.updateDelegatedTargets(sim.metadata("eole"), "eole", "targets"));

    assertEquals("eole", e.role());
    assertUnchanged(before, set);
  }

  @Test
  void updateDelegatedTargets_rejectsVersionOtherThanSnapshots() {
    sim.role("eole").version = 2;
    TrustedMetadataSet set = withTargets();
    Trusted before = trusted(set);

    BadVersionException e =
        assertThrows(
            BadVersionException.class,
            () -> set.updateDelegatedTargets(sim.metadata("eole"), "eole", "targets"));

    assertBadVersion(e, "eole", 1, 2);
    assertUnchanged(before, set);
  }

  @Test
  void updateDelegatedTargets_rejectsExpired() {
    sim.role("eole").expires = PAST;
    TrustedMetadataSet set = withTargets();
    Trusted before = trusted(set);

    ExpiredMetadataException e =
        assertThrows(
            ExpiredMetadataException.class,
            () -> set.updateDelegatedTargets(sim.metadata("eole"), "eole", "targets"));

    assertEquals("eole", e.role());
    assertEquals(PAST, e.expires());
    assertUnchanged(before, set);
  }

  // Order of calls

  @Test
  void updates_calledOutOfOrder_throwIllegalState() {
    TrustedMetadataSet set = trustedSet();
    byte[] root = sim.rootBytes(1);
    byte[] timestamp = sim.metadata("timestamp");
    byte[] snapshot = sim.metadata("snapshot");
    byte[] targets = sim.metadata("targets");
    byte[] eole = sim.metadata("eole");

    assertThrows(IllegalStateException.class, () -> set.updateSnapshot(snapshot, false));
    assertThrows(IllegalStateException.class, () -> set.updateTargets(targets));
    set.updateTimestamp(timestamp);
    assertThrows(IllegalStateException.class, () -> set.updateRoot(root));
    assertThrows(IllegalStateException.class, () -> set.updateTargets(targets));
    set.updateSnapshot(snapshot, false);
    assertThrows(IllegalStateException.class, () -> set.updateTimestamp(timestamp));
    assertThrows(
        IllegalStateException.class, () -> set.updateDelegatedTargets(eole, "eole", "targets"));
    set.updateTargets(targets);
    assertThrows(IllegalStateException.class, () -> set.updateSnapshot(snapshot, false));
    assertThrows(IllegalStateException.class, () -> set.updateRoot(root));
    set.updateDelegatedTargets(eole, "eole", "targets");
  }

  @Test
  void updateDelegatedTargets_beforeItsDelegator_throwsIllegalStateWhateverTheBytes() {
    TrustedMetadataSet set = withSnapshot();

    assertThrows(
        IllegalStateException.class,
        () -> set.updateDelegatedTargets("{}".getBytes(UTF_8), "unlisted", "targets"));
  }

  // Malformed input

  /** The steps of the workflow, each with the role its exceptions name. */
  enum Step {
    TRUSTED_ROOT("root"),
    ROOT("root"),
    TIMESTAMP("timestamp"),
    SNAPSHOT("snapshot"),
    TARGETS("targets"),
    DELEGATED_TARGETS("eole");

    final String role;

    Step(String role) {
      this.role = role;
    }
  }

  static Stream<Arguments> malformedInputs() {
    Map<String, byte[]> inputs = new LinkedHashMap<>();
    inputs.put("empty", new byte[0]);
    inputs.put("not JSON", "not json".getBytes(UTF_8));
    inputs.put("a list", "[]".getBytes(UTF_8));
    inputs.put("null", "null".getBytes(UTF_8));
    inputs.put("no fields", "{}".getBytes(UTF_8));
    inputs.put("empty signed", "{\"signatures\":[],\"signed\":{}}".getBytes(UTF_8));
    inputs.put("duplicate key", "{\"signed\":{},\"signed\":{}}".getBytes(UTF_8));
    inputs.put("float", "{\"signatures\":[],\"signed\":{\"version\":1.5}}".getBytes(UTF_8));
    inputs.put("invalid UTF-8", new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'});
    inputs.put("trailing content", "{} {}".getBytes(UTF_8));
    inputs.put("deep nesting", ("[".repeat(200) + "]".repeat(200)).getBytes(UTF_8));
    inputs.put("truncated", "{\"signatures\":[".getBytes(UTF_8));
    return Stream.of(Step.values())
        .flatMap(
            step ->
                inputs.entrySet().stream()
                    .map(input -> arguments(step, input.getKey(), input.getValue())));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("malformedInputs")
  void malformedMetadata_isRepositoryException(Step step, String name, byte[] bytes) {
    Feed feed = readyFor(step);

    RepositoryException e =
        assertThrowsExactly(RepositoryException.class, () -> feed.update().accept(bytes));

    assertEquals(step.role, e.role());
    assertInstanceOf(MetadataFormatException.class, e.getCause());
    feed.assertUnchanged();
  }

  @ParameterizedTest
  @EnumSource(Step.class)
  void metadataOfAnotherType_isRepositoryException(Step step) {
    byte[] other =
        switch (step) {
          case TRUSTED_ROOT, ROOT, SNAPSHOT -> sim.metadata("timestamp");
          case TIMESTAMP, DELEGATED_TARGETS -> sim.metadata("snapshot");
          case TARGETS -> sim.rootBytes(1);
        };
    Feed feed = readyFor(step);

    RepositoryException e =
        assertThrowsExactly(RepositoryException.class, () -> feed.update().accept(other));

    assertEquals(step.role, e.role());
    assertTrue(e.getMessage().contains("'_type' is '"), e.getMessage());
    feed.assertUnchanged();
  }

  // Helpers

  /** A set ready for one step, the call that feeds that step, and what the set trusted before. */
  private record Feed(TrustedMetadataSet set, Trusted before, Consumer<byte[]> update) {
    void assertUnchanged() {
      if (set != null) {
        TrustedMetadataSetTest.assertUnchanged(before, set);
      }
    }
  }

  private Feed readyFor(Step step) {
    if (step == Step.TRUSTED_ROOT) {
      return new Feed(null, null, bytes -> new TrustedMetadataSet(bytes, REFERENCE_TIME));
    }
    TrustedMetadataSet set =
        switch (step) {
          case TRUSTED_ROOT, ROOT, TIMESTAMP -> trustedSet();
          case SNAPSHOT -> withTimestamp();
          case TARGETS -> withSnapshot();
          case DELEGATED_TARGETS -> withTargets();
        };
    Consumer<byte[]> update =
        switch (step) {
          case TRUSTED_ROOT, ROOT -> set::updateRoot;
          case TIMESTAMP -> set::updateTimestamp;
          case SNAPSHOT -> bytes -> set.updateSnapshot(bytes, false);
          case TARGETS -> set::updateTargets;
          case DELEGATED_TARGETS -> bytes -> set.updateDelegatedTargets(bytes, "eole", "targets");
        };
    return new Feed(set, trusted(set), update);
  }

  private TrustedMetadataSet trustedSet() {
    return new TrustedMetadataSet(sim.rootBytes(1), REFERENCE_TIME);
  }

  private TrustedMetadataSet withTimestamp() {
    TrustedMetadataSet set = trustedSet();
    set.updateTimestamp(sim.metadata("timestamp"));
    return set;
  }

  private TrustedMetadataSet withSnapshot() {
    TrustedMetadataSet set = withTimestamp();
    set.updateSnapshot(sim.metadata("snapshot"), false);
    return set;
  }

  private TrustedMetadataSet withTargets() {
    TrustedMetadataSet set = withSnapshot();
    set.updateTargets(sim.metadata("targets"));
    return set;
  }

  /** Loads the local copy of an older snapshot: kept for rollback checks, refused as final. */
  private static void loadIntermediateSnapshot(TrustedMetadataSet set, byte[] localSnapshot) {
    long named = set.timestamp().orElseThrow().signed().snapshot().version();
    BadVersionException e =
        assertThrows(BadVersionException.class, () -> set.updateSnapshot(localSnapshot, true));
    assertEquals(named, e.expected());
    assertArrayEquals(localSnapshot, set.snapshot().orElseThrow().raw());
  }

  /** The objects a set trusts, compared by identity to show a refused update changed nothing. */
  private record Trusted(
      Object root, Object timestamp, Object snapshot, Map<String, Object> targets) {}

  private Trusted trusted(TrustedMetadataSet set) {
    Map<String, Object> targets = new LinkedHashMap<>();
    targets.put("targets", set.targets("targets").orElse(null));
    for (String role : sim.delegatedRoleNames()) {
      targets.put(role, set.targets(role).orElse(null));
    }
    return new Trusted(
        set.root(), set.timestamp().orElse(null), set.snapshot().orElse(null), targets);
  }

  private static void assertUnchanged(Trusted before, TrustedMetadataSet set) {
    assertSame(before.root(), set.root());
    assertSame(before.timestamp(), set.timestamp().orElse(null));
    assertSame(before.snapshot(), set.snapshot().orElse(null));
    before.targets().forEach((role, md) -> assertSame(md, set.targets(role).orElse(null), role));
  }

  private static void assertUnsigned(
      UnsignedMetadataException e, String role, int valid, int threshold) {
    assertEquals(role, e.role());
    assertEquals(valid, e.valid(), "valid signatures");
    assertEquals(threshold, e.threshold(), "threshold");
  }

  private static void assertBadVersion(
      BadVersionException e, String role, long expected, long found) {
    assertEquals(role, e.role());
    assertEquals(expected, e.expected(), "expected version");
    assertEquals(found, e.found(), "found version");
  }

  /** Keys listed (indexes in a pool of ten), the threshold, and the keys that sign. */
  record KeysAndSignatures(List<Integer> keys, int threshold, List<Integer> sigs) {}

  /** The valid signatures and threshold of an expected refusal. */
  record Refusal(int valid, int threshold) {}

  private static KeysAndSignatures keys(List<Integer> keys, int threshold, List<Integer> sigs) {
    return new KeysAndSignatures(keys, threshold, sigs);
  }

  private static List<Integer> range(int n) {
    return Stream.iterate(0, i -> i + 1).limit(n).toList();
  }

  private static List<Ed25519SigningKey> keyPool() {
    return Stream.generate(RepositorySimulator::newKey).limit(10).toList();
  }
}
