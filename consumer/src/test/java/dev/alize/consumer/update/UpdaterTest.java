package dev.alize.consumer.update;

import static dev.alize.common.verify.RepositorySimulator.PAST;
import static dev.alize.common.verify.RepositorySimulator.REFERENCE_TIME;
import static dev.alize.common.verify.RepositorySimulator.SAFE_EXPIRY;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.common.codec.Hashes;
import dev.alize.common.crypto.Ed25519SigningKey;
import dev.alize.common.tuf.MetaFile;
import dev.alize.common.tuf.RootRotation;
import dev.alize.common.tuf.TargetFile;
import dev.alize.common.verify.BadVersionException;
import dev.alize.common.verify.ExpiredMetadataException;
import dev.alize.common.verify.LengthOrHashMismatchException;
import dev.alize.common.verify.MetadataLimits;
import dev.alize.common.verify.RepositoryException;
import dev.alize.common.verify.RepositorySimulator;
import dev.alize.common.verify.RepositorySimulator.Delegation;
import dev.alize.common.verify.UnsignedMetadataException;
import dev.alize.consumer.fetch.DownloadException;
import dev.alize.consumer.fetch.LengthLimitException;
import dev.alize.consumer.update.SimulatorFetcher.Misbehaviour;
import dev.alize.consumer.update.SimulatorFetcher.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The updater against an in-memory repository, one test per behaviour or attack, after python-tuf's
 * and go-tuf's updater tests: the requests it makes, what it stores, and that a refused update
 * throws the typed error and leaves the stored metadata as the specification says.
 */
class UpdaterTest {

  private static final URI METADATA_URL = URI.create("https://repo.example/metadata/");
  private static final URI TARGETS_URL = URI.create("https://repo.example/targets/");
  private static final List<String> TOP_LEVEL =
      List.of("root.json", "snapshot.json", "targets.json", "timestamp.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final RepositorySimulator sim = new RepositorySimulator();
  private SimulatorFetcher fetcher;
  private Path metadataDir;
  private Path targetsDir;
  private Clock clock = Clock.fixed(REFERENCE_TIME, ZoneOffset.UTC);
  private MetadataLimits limits = MetadataLimits.DEFAULT;
  private EtagStore etags = EtagStore.NONE;

  @BeforeEach
  void initialiseClientWithRootOne() {
    metadataDir = dir.resolve("metadata");
    targetsDir = dir.resolve("targets");
    fetcher = new SimulatorFetcher(sim, METADATA_URL, TARGETS_URL);
    trust(sim.rootBytes(1));
  }

  // Happy path

  @Test
  void refresh_firstTimeFetchesNextRootThenTimestampSnapshotTargets() {
    RefreshOutcome outcome = refresh();

    assertTrue(outcome.changed());
    assertEquals(
        List.of("2.root.json", "timestamp.json", "1.snapshot.json", "1.targets.json"),
        fetcher.requestedNames());
    assertEquals(TOP_LEVEL, files());
    assertStored("root", sim.rootBytes(1));
    assertStored("timestamp", sim.metadata("timestamp"));
    assertStored("snapshot", sim.metadata("snapshot"));
    assertStored("targets", sim.metadata("targets"));
    assertEquals(1, outcome.trusted().targets("targets").orElseThrow().signed().version());
  }

  @Test
  void refresh_capsEachRoleAtItsDefaultMaximumLength() {
    refresh();

    assertEquals(
        List.of(512_000L, 16_384L, 2_000_000L, 5_000_000L),
        fetcher.requests().stream().map(Request::maxLength).toList());
  }

  @Test
  void refresh_withNothingNewFetchesOnlyNextRootAndTimestamp() {
    refresh();
    Map<String, String> before = stored();
    fetcher.clearRequests();

    RefreshOutcome outcome = refresh();

    assertFalse(outcome.changed());
    assertEquals(List.of("2.root.json", "timestamp.json"), fetcher.requestedNames());
    assertEquals(before, stored());
  }

  @Test
  void refresh_afterPublicationFetchesTheNewVersionsAndReportsChanged() {
    refresh();
    sim.targets.version++;
    sim.updateSnapshot();
    fetcher.clearRequests();

    RefreshOutcome outcome = refresh();

    assertTrue(outcome.changed());
    assertEquals(
        List.of("2.root.json", "timestamp.json", "2.snapshot.json", "2.targets.json"),
        fetcher.requestedNames());
    assertStored("timestamp", sim.metadata("timestamp"));
    assertStored("snapshot", sim.metadata("snapshot"));
    assertStored("targets", sim.metadata("targets"));
  }

  @Test
  void refresh_followsNewRootVersionsAndStoresTheLast() {
    sim.root.version = 2;
    sim.publishRoot();
    sim.root.version = 3;
    sim.publishRoot();

    refresh();

    assertEquals(
        List.of("2.root.json", "3.root.json", "4.root.json", "timestamp.json"),
        fetcher.requestedNames().subList(0, 4));
    assertStored("root", sim.rootBytes(3));
  }

  @Test
  void refresh_withEtagStoreSendsIfNoneMatchAndA304CostsOneRequest() {
    etags = new MapEtagStore();
    refresh();
    String etag = etags.find(timestampUrl().toString()).orElseThrow();
    assertEquals(SimulatorFetcher.etag(sim.metadata("timestamp")), etag);
    Map<String, String> before = stored();
    fetcher.clearRequests();

    RefreshOutcome outcome = refresh();

    assertFalse(outcome.changed());
    assertEquals(List.of("2.root.json", "timestamp.json"), fetcher.requestedNames());
    assertNull(fetcher.requests().get(0).ifNoneMatch());
    assertEquals(etag, fetcher.requests().get(1).ifNoneMatch());
    assertEquals(before, stored());
  }

  @Test
  void refresh_withEtagStoreTakesTheNewTimestampWhenItsTagChanged() {
    etags = new MapEtagStore();
    refresh();
    sim.updateTimestamp();
    fetcher.clearRequests();

    RefreshOutcome outcome = refresh();

    assertTrue(outcome.changed());
    assertEquals(List.of("2.root.json", "timestamp.json"), fetcher.requestedNames());
    assertStored("timestamp", sim.metadata("timestamp"));
    assertEquals(
        Optional.of(SimulatorFetcher.etag(sim.metadata("timestamp"))),
        etags.find(timestampUrl().toString()));
  }

  @Test
  void refresh_sendsNoIfNoneMatchWithoutATrustedLocalTimestamp() throws IOException {
    etags = new MapEtagStore();
    refresh();
    Files.delete(metadataDir.resolve("timestamp.json"));
    fetcher.clearRequests();

    refresh();

    assertNull(fetcher.requests().get(1).ifNoneMatch());
    assertStored("timestamp", sim.metadata("timestamp"));
  }

  @Test
  void refresh_rejects304ToTimestampRequestWithoutIfNoneMatch() {
    fetcher.misbehave(timestampUrl(), new Misbehaviour.NotModified());

    RepositoryException e = assertRefused(RepositoryException.class);

    assertEquals("timestamp", e.role());
    assertEquals(List.of("root.json"), files());
  }

  @Test
  void refresh_withoutConsistentSnapshotFetchesUnversionedNames() {
    sim.consistentSnapshot = false;
    sim.root.version = 2;
    sim.publishRoot();

    refresh();

    assertEquals(
        List.of("2.root.json", "3.root.json", "timestamp.json", "snapshot.json", "targets.json"),
        fetcher.requestedNames());
    assertEquals(TOP_LEVEL, files());
  }

  @Test
  void refresh_updatesFromExpiredLocalTimestampAndSnapshot() {
    sim.timestamp.expires = REFERENCE_TIME.plus(Duration.ofDays(7));
    sim.snapshot.expires = REFERENCE_TIME.plus(Duration.ofDays(7));
    refresh();
    sim.targets.version++;
    sim.timestamp.expires = REFERENCE_TIME.plus(Duration.ofDays(21));
    sim.snapshot.expires = REFERENCE_TIME.plus(Duration.ofDays(21));
    sim.updateSnapshot();
    clock = Clock.fixed(REFERENCE_TIME.plus(Duration.ofDays(18)), ZoneOffset.UTC);

    refresh();

    assertEquals(2, storedVersion("timestamp"));
    assertEquals(2, storedVersion("snapshot"));
    assertEquals(2, storedVersion("targets"));
  }

  // Trusted root

  @Test
  void refresh_withoutTrustedRootThrowsIllegalStateAndMakesNoRequest() throws IOException {
    Files.delete(metadataDir.resolve("root.json"));

    IllegalStateException e = assertThrowsExactly(IllegalStateException.class, this::refresh);

    assertTrue(e.getMessage().contains("no trusted root in " + metadataDir), e.getMessage());
    assertEquals(List.of(), fetcher.requests());
    assertEquals(List.of(), files());
  }

  @Test
  void findTarget_beforeRefreshThrowsIllegalState() {
    Updater updater = updater();

    IllegalStateException e =
        assertThrowsExactly(IllegalStateException.class, () -> updater.findTarget("any"));

    assertEquals("refresh first", e.getMessage());
  }

  @Test
  void refresh_rejectsLocalRootNotSignedByItsOwnKeys() {
    sim.root.signers.set(0, RepositorySimulator.newKey());
    trust(sim.publishRoot());

    UnsignedMetadataException e = assertRefused(UnsignedMetadataException.class);

    assertUnsigned(e, "root", 0, 1);
    assertEquals(List.of(), fetcher.requests());
  }

  // Signatures

  @Test
  void refresh_rejectsTimestampSignedByUnknownKey() {
    refresh();
    sim.updateTimestamp();
    sim.timestamp.signers.set(0, RepositorySimulator.newKey());

    UnsignedMetadataException e = assertRefused(UnsignedMetadataException.class);

    assertUnsigned(e, "timestamp", 0, 1);
  }

  @Test
  void refresh_rejectsSnapshotWithFewerValidSignaturesThanThreshold() {
    Ed25519SigningKey second = sim.snapshot.addKey();
    sim.snapshot.threshold = 2;
    sim.root.version = 2;
    sim.publishRoot();
    refresh();
    sim.snapshot.signers.remove(second);
    sim.updateSnapshot();
    Map<String, String> expected = withCurrent(stored(), "timestamp");

    UnsignedMetadataException e =
        assertThrowsExactly(UnsignedMetadataException.class, this::refresh);

    assertUnsigned(e, "snapshot", 1, 2);
    assertEquals(expected, stored());
  }

  @Test
  void refresh_rejectsTargetsSignedByUnknownKey() {
    refresh();
    sim.targets.version++;
    sim.targets.signers.set(0, RepositorySimulator.newKey());
    sim.updateSnapshot();
    Map<String, String> expected = withCurrent(stored(), "timestamp", "snapshot");

    UnsignedMetadataException e =
        assertThrowsExactly(UnsignedMetadataException.class, this::refresh);

    assertUnsigned(e, "targets", 0, 1);
    assertEquals(expected, stored());
  }

  @Test
  void refresh_rejectsIntermediateRootSignedByUnknownKey() {
    List<Ed25519SigningKey> signers = List.copyOf(sim.root.signers);
    sim.root.signers.set(0, RepositorySimulator.newKey());
    sim.root.version = 2;
    sim.publishRoot();
    sim.root.signers.clear();
    sim.root.signers.addAll(signers);
    sim.root.version = 3;
    sim.publishRoot();

    UnsignedMetadataException e = assertRefused(UnsignedMetadataException.class);

    assertUnsigned(e, "root", 0, 1);
    assertStored("root", sim.rootBytes(1));
  }

  // Rollback

  @Test
  void refresh_rejectsTimestampVersionRollback() {
    sim.timestamp.version = 2;
    refresh();
    sim.timestamp.version = 1;

    BadVersionException e = assertRefused(BadVersionException.class);

    assertBadVersion(e, "timestamp", 2, 1);
  }

  @Test
  void refresh_rejectsTimestampThatRollsBackSnapshotVersion() {
    sim.snapshot.version = 2;
    sim.updateTimestamp();
    refresh();
    sim.timestampMeta = new MetaFile(1, null, Map.of());
    sim.timestamp.version++;

    BadVersionException e = assertRefused(BadVersionException.class);

    assertBadVersion(e, "timestamp", 2, 1);
  }

  @Test
  void refresh_rejectsSnapshotThatRollsBackTargetsVersion() {
    sim.computeMetaHashes = true;
    sim.targets.version = 2;
    sim.updateSnapshot();
    refresh();
    sim.targets.version = 1;
    sim.updateSnapshot();
    Map<String, String> expected = withCurrent(stored(), "timestamp");

    BadVersionException e = assertThrowsExactly(BadVersionException.class, this::refresh);

    assertBadVersion(e, "snapshot", 2, 1);
    assertEquals(expected, stored());
  }

  @Test
  void refresh_rejectsReplayOfOlderTargets() {
    byte[] targetsOne = sim.metadata("targets");
    sim.targets.version = 2;
    sim.updateSnapshot();
    refresh();
    sim.targets.version = 3;
    sim.updateSnapshot();
    fetcher.misbehave(fetcher.metadataUrl("3.targets.json"), new Misbehaviour.Bytes(targetsOne));
    Map<String, String> expected = withCurrent(stored(), "timestamp", "snapshot");

    BadVersionException e = assertThrowsExactly(BadVersionException.class, this::refresh);

    assertBadVersion(e, "targets", 3, 1);
    assertEquals(expected, stored());
  }

  @Test
  void refresh_rejectsRootOfTheSameVersion() {
    fetcher.misbehave(fetcher.metadataUrl("2.root.json"), new Misbehaviour.Bytes(sim.rootBytes(1)));

    BadVersionException e = assertRefused(BadVersionException.class);

    assertBadVersion(e, "root", 2, 1);
  }

  @Test
  void refresh_rejectsRootThatSkipsAVersion() {
    sim.root.version = 3;
    sim.publishRoot();
    fetcher.misbehave(fetcher.metadataUrl("2.root.json"), new Misbehaviour.Bytes(sim.rootBytes(3)));

    BadVersionException e = assertRefused(BadVersionException.class);

    assertBadVersion(e, "root", 2, 3);
  }

  // Fast-forward attacks and their recovery

  @Test
  void refresh_recoversFromTimestampFastForwardAfterTimestampKeyRotation() {
    sim.timestamp.version = 99_999;
    refresh();
    sim.timestamp.version = 1;
    BadVersionException e = assertRefused(BadVersionException.class);
    assertBadVersion(e, "timestamp", 99_999, 1);
    rotateKey(sim.timestamp);
    sim.root.version = 2;
    sim.publishRoot();

    refresh();

    assertStored("timestamp", sim.metadata("timestamp"));
    assertEquals(1, storedVersion("timestamp"));
  }

  @Test
  void refresh_recoversFromSnapshotFastForwardAfterSnapshotAndTimestampKeyRotation() {
    sim.snapshot.version = 99_999;
    sim.updateTimestamp();
    refresh();
    sim.snapshot.version = 1;
    sim.updateTimestamp();
    BadVersionException e = assertRefused(BadVersionException.class);
    assertBadVersion(e, "timestamp", 99_999, 1);
    rotateKey(sim.snapshot);
    rotateKey(sim.timestamp);
    sim.root.version = 2;
    sim.publishRoot();

    refresh();

    assertEquals(1, storedVersion("snapshot"));
    assertStored("snapshot", sim.metadata("snapshot"));
  }

  @Test
  void refresh_recoversFromTargetsFastForwardAfterSnapshotKeyRotation() {
    sim.targets.version = 99_999;
    sim.updateSnapshot();
    refresh();
    sim.targets.version = 1;
    sim.updateSnapshot();
    assertThrowsExactly(BadVersionException.class, this::refresh);
    rotateKey(sim.snapshot);
    sim.root.version = 2;
    sim.publishRoot();

    refresh();

    assertEquals(1, storedVersion("targets"));
    assertStored("targets", sim.metadata("targets"));
  }

  // Freeze: expired metadata

  @Test
  void refresh_rejectsExpiredFinalRootButKeepsItAsTheTrustedRoot() {
    sim.root.expires = PAST;
    sim.root.version = 2;
    sim.publishRoot();

    ExpiredMetadataException e = assertThrowsExactly(ExpiredMetadataException.class, this::refresh);

    assertEquals("root", e.role());
    assertEquals(PAST, e.expires());
    assertEquals(List.of("root.json"), files());
    assertStored("root", sim.rootBytes(2));

    sim.root.expires = SAFE_EXPIRY;
    sim.root.version = 3;
    sim.publishRoot();
    refresh();
    assertStored("root", sim.rootBytes(3));
    assertEquals(TOP_LEVEL, files());
  }

  @Test
  void refresh_acceptsExpiredIntermediateRoot() {
    sim.root.expires = PAST;
    sim.root.version = 2;
    sim.publishRoot();
    sim.root.expires = SAFE_EXPIRY;
    sim.root.version = 3;
    sim.publishRoot();

    refresh();

    assertStored("root", sim.rootBytes(3));
    assertEquals(TOP_LEVEL, files());
  }

  @Test
  void refresh_rejectsExpiredTimestamp() {
    sim.timestamp.expires = PAST;
    sim.updateTimestamp();

    ExpiredMetadataException e = assertRefused(ExpiredMetadataException.class);

    assertEquals("timestamp", e.role());
    assertEquals(List.of("root.json"), files());
  }

  @Test
  void refresh_rejectsExpiredSnapshot() {
    refresh();
    sim.snapshot.expires = PAST;
    sim.updateSnapshot();
    Map<String, String> expected = withCurrent(stored(), "timestamp");

    ExpiredMetadataException e = assertThrowsExactly(ExpiredMetadataException.class, this::refresh);

    assertEquals("snapshot", e.role());
    assertEquals(expected, stored());
  }

  @Test
  void refresh_rejectsExpiredTargets() {
    refresh();
    sim.targets.version++;
    sim.targets.expires = PAST;
    sim.updateSnapshot();
    Map<String, String> expected = withCurrent(stored(), "timestamp", "snapshot");

    ExpiredMetadataException e = assertThrowsExactly(ExpiredMetadataException.class, this::refresh);

    assertEquals("targets", e.role());
    assertEquals(expected, stored());
  }

  @Test
  void refresh_rejectsFrozenRepositoryOnceItsTimestampExpires() {
    sim.timestamp.expires = REFERENCE_TIME.plus(Duration.ofDays(1));
    refresh();
    clock = Clock.fixed(REFERENCE_TIME.plus(Duration.ofDays(2)), ZoneOffset.UTC);

    ExpiredMetadataException e = assertRefused(ExpiredMetadataException.class);

    assertEquals("timestamp", e.role());
  }

  // Endless data

  /** Every role new, one of them endless: cut at its cap; the roles before it are kept. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("defaultCaps")
  void refresh_cutsEndlessResponseAtTheRolesCap(String file, long cap, List<String> accepted) {
    refresh();
    sim.root.version = 2;
    sim.publishRoot();
    sim.targets.version++;
    sim.updateSnapshot();
    fetcher.misbehave(fetcher.metadataUrl(file), new Misbehaviour.Endless());
    Map<String, String> expected = withCurrent(stored(), accepted.toArray(String[]::new));

    LengthLimitException e = assertThrowsExactly(LengthLimitException.class, this::refresh);

    assertEquals(cap, e.limit());
    assertEquals(fetcher.metadataUrl(file), e.url());
    assertEquals(cap, last(fetcher.requests()).maxLength());
    assertEquals(expected, stored());
  }

  static Stream<Arguments> defaultCaps() {
    return Stream.of(
        arguments("2.root.json", 512_000L, List.of()),
        arguments("timestamp.json", 16_384L, List.of("root")),
        arguments("2.snapshot.json", 2_000_000L, List.of("root", "timestamp")),
        arguments("2.targets.json", 5_000_000L, List.of("root", "timestamp", "snapshot")));
  }

  @Test
  void refresh_cutsEndlessSnapshotAtTheLengthTimestampSigned() {
    sim.computeMetaHashes = true;
    sim.updateSnapshot();
    long length = sim.metadata("snapshot").length;
    fetcher.misbehave(fetcher.metadataUrl("2.snapshot.json"), new Misbehaviour.Endless());

    LengthLimitException e = assertThrowsExactly(LengthLimitException.class, this::refresh);

    assertEquals(length, e.limit());
    assertEquals(List.of("root.json", "timestamp.json"), files());
  }

  @Test
  void refresh_cutsEndlessTargetsAtTheLengthSnapshotSigned() {
    sim.computeMetaHashes = true;
    sim.updateSnapshot();
    long length = sim.metadata("targets").length;
    fetcher.misbehave(fetcher.metadataUrl("1.targets.json"), new Misbehaviour.Endless());

    LengthLimitException e = assertThrowsExactly(LengthLimitException.class, this::refresh);

    assertEquals(length, e.limit());
    assertEquals(List.of("root.json", "snapshot.json", "timestamp.json"), files());
  }

  @Test
  void refresh_failsOnServerErrorForNextRootInsteadOfEndingTheChain() {
    fetcher.misbehave(
        fetcher.metadataUrl("2.root.json"),
        new Misbehaviour.Failure(url -> new DownloadException(url, "HTTP 500")));

    DownloadException e = assertRefused(DownloadException.class);

    assertEquals(fetcher.metadataUrl("2.root.json"), e.url());
    assertEquals(List.of("2.root.json"), fetcher.requestedNames());
  }

  // Mix and match

  @Test
  void refresh_rejectsTargetsOfAnotherVersionThanSnapshotLists() {
    sim.snapshotMeta.put("targets.json", new MetaFile(2, null, Map.of()));
    sim.snapshot.version++;
    sim.updateTimestamp();

    BadVersionException e = assertThrowsExactly(BadVersionException.class, this::refresh);

    assertBadVersion(e, "targets", 2, 1);
    assertEquals(List.of("root.json", "snapshot.json", "timestamp.json"), files());
  }

  @Test
  void refresh_rejectsTargetsWhoseHashDiffersFromSnapshots() {
    sim.computeMetaHashes = true;
    sim.updateSnapshot();
    refresh();
    MetaFile signed = sim.snapshotMeta.get("targets.json");
    sim.targets.version++;
    sim.snapshotMeta.put(
        "targets.json", new MetaFile(sim.targets.version, signed.length(), signed.hashes()));
    sim.snapshot.version++;
    sim.updateTimestamp();
    Map<String, String> expected = withCurrent(stored(), "timestamp", "snapshot");

    LengthOrHashMismatchException e =
        assertThrowsExactly(LengthOrHashMismatchException.class, this::refresh);

    assertEquals("targets", e.role());
    assertEquals(expected, stored());
    assertEquals(1, storedVersion("targets"));
  }

  @Test
  void refresh_rejectsSnapshotWhoseHashDiffersFromTimestamps() {
    sim.computeMetaHashes = true;
    sim.updateTimestamp();
    refresh();
    MetaFile signed = sim.timestampMeta;
    sim.snapshot.expires = sim.snapshot.expires.plus(Duration.ofDays(1));
    sim.snapshot.version++;
    sim.timestampMeta = new MetaFile(sim.snapshot.version, signed.length(), signed.hashes());
    sim.timestamp.version++;
    Map<String, String> expected = withCurrent(stored(), "timestamp");

    LengthOrHashMismatchException e =
        assertThrowsExactly(LengthOrHashMismatchException.class, this::refresh);

    assertEquals("snapshot", e.role());
    assertEquals(expected, stored());
    assertEquals(1, storedVersion("snapshot"));
  }

  // Root rotation

  /** Root versions 1..n with their keys, threshold and signers; the refused one, if any. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("rootRotations")
  void refresh_followsRootRotation(String name, List<RootVersion> versions, Integer refused) {
    List<Ed25519SigningKey> pool = Stream.generate(RepositorySimulator::newKey).limit(10).toList();
    for (int i = 0; i < versions.size(); i++) {
      RootVersion v = versions.get(i);
      sim.root.clearKeys();
      v.keys().forEach(k -> sim.root.keys.add(pool.get(k).publicKey()));
      v.sigs().forEach(k -> sim.root.signers.add(pool.get(k)));
      sim.root.threshold = v.threshold();
      sim.root.version = i + 1;
      sim.publishRoot();
    }
    trust(sim.rootBytes(1));

    if (refused == null) {
      refresh();
      assertStored("root", sim.rootBytes(versions.size()));
      assertEquals(TOP_LEVEL, files());
    } else {
      UnsignedMetadataException e =
          assertThrowsExactly(UnsignedMetadataException.class, this::refresh);
      assertEquals("root", e.role());
      assertStored("root", sim.rootBytes(refused - 1));
      assertEquals(List.of("root.json"), files());
    }
  }

  record RootVersion(List<Integer> keys, int threshold, List<Integer> sigs) {}

  static Stream<Arguments> rootRotations() {
    return Stream.of(
        arguments(
            "key removed: 1-of-1 rotated to a new key over two versions",
            List.of(root(List.of(1), 1, 1), root(List.of(2), 1, 2, 1), root(List.of(2), 1, 2)),
            null),
        arguments(
            "key removed, then the removed key alone signs the next version",
            List.of(root(List.of(1), 1, 1), root(List.of(2), 1, 2, 1), root(List.of(2), 1, 1)),
            3),
        arguments(
            "threshold raised from 1-of-3 to 2-of-3",
            List.of(root(List.of(1, 2, 3), 1, 1), root(List.of(1, 2, 3), 2, 1, 2)),
            null),
        arguments(
            "threshold raised, new threshold not reached",
            List.of(root(List.of(1, 2, 3), 1, 1), root(List.of(1, 2, 3), 2, 2)),
            2),
        arguments(
            "several versions at once: all five keys rotated with an intermediate step",
            List.of(
                root(List.of(0, 1, 2, 3, 4), 3, 0, 2, 4),
                root(List.of(5, 6, 7, 8, 9), 3, 0, 2, 4, 5, 6, 7),
                root(List.of(5, 6, 7, 8, 9), 3, 5, 6, 7),
                root(List.of(5, 6, 7, 8, 9), 3, 7, 8, 9)),
            null),
        arguments(
            "several versions at once, the third not signed by the old keys",
            List.of(
                root(List.of(1), 1, 1),
                root(List.of(1), 1, 1),
                root(List.of(2), 1, 2),
                root(List.of(2), 1, 2)),
            3));
  }

  private static RootVersion root(List<Integer> keys, int threshold, Integer... sigs) {
    return new RootVersion(keys, threshold, List.of(sigs));
  }

  @Test
  void refresh_stopsAfterMaxRootRotations() {
    limits = limits(3, MetadataLimits.DEFAULT.maxDelegations());
    for (int version = 2; version <= 6; version++) {
      sim.root.version = version;
      sim.publishRoot();
    }

    refresh();

    assertStored("root", sim.rootBytes(4));
    assertEquals(
        List.of("2.root.json", "3.root.json", "4.root.json", "timestamp.json"),
        fetcher.requestedNames().subList(0, 4));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("topLevelRotations")
  void refresh_followsKeyRotationOfTopLevelRole(
      String role, String name, List<Integer> keys, int threshold, List<Integer> sigs, int valid) {
    refresh();
    List<Ed25519SigningKey> pool = Stream.generate(RepositorySimulator::newKey).limit(6).toList();
    RepositorySimulator.Role rotated = sim.role(role);
    rotated.clearKeys();
    keys.forEach(k -> rotated.keys.add(pool.get(k).publicKey()));
    sigs.forEach(k -> rotated.signers.add(pool.get(k)));
    rotated.threshold = threshold;
    sim.root.version = 2;
    sim.publishRoot();

    if (valid >= threshold) {
      Updater updater = updater();
      updater.refresh();
      assertStored(role, sim.metadata(role));
      assertEquals(Optional.of(new RootRotation(1, 2, List.of(role))), updater.rotation());
      Updater again = updater();
      again.refresh();
      assertEquals(Optional.empty(), again.rotation(), "told once, when followed");
    } else {
      Map<String, String> before = stored();
      before.put("root.json", new String(sim.rootBytes(2), ISO_8859_1));
      UnsignedMetadataException e =
          assertThrowsExactly(UnsignedMetadataException.class, this::refresh);
      assertUnsigned(e, role, valid, threshold);
      assertEquals(before, stored());
    }
  }

  static Stream<Arguments> topLevelRotations() {
    return Stream.of("timestamp", "snapshot", "targets")
        .flatMap(
            role ->
                Stream.of(
                    arguments(role, "1-of-1 new key", List.of(2), 1, List.of(2), 1),
                    arguments(
                        role, "1-of-1 signed by unlisted keys", List.of(2), 1, List.of(1, 3), 0),
                    arguments(
                        role, "3-of-5 reached", List.of(0, 1, 2, 3, 4), 3, List.of(0, 2, 4), 3),
                    arguments(
                        role,
                        "3-of-5 not reached",
                        List.of(0, 1, 3, 4, 5),
                        3,
                        List.of(0, 2, 4),
                        2)));
  }

  // Delegations

  /** A delegation edge; {@code paths} ["*"] unless given. */
  record Edge(String from, String to, boolean terminating, List<String> paths) {}

  private static Edge edge(String from, String to) {
    return new Edge(from, to, false, List.of("*"));
  }

  private static Edge edge(String from, String to, boolean terminating, String... paths) {
    return new Edge(from, to, terminating, paths.length == 0 ? List.of("*") : List.of(paths));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("delegationGraphs")
  void findTarget_visitsDelegationsInPreOrderUpToTheCap(
      String name, List<Edge> edges, List<String> visited) {
    edges.forEach(this::delegate);
    sim.updateSnapshot();
    limits = limits(MetadataLimits.DEFAULT.maxRootRotations(), 4);
    Updater updater = updater();
    updater.refresh();
    fetcher.clearRequests();

    assertEquals(Optional.empty(), updater.findTarget("missingpath"));

    assertEquals(visited.stream().map(r -> "1." + r + ".json").toList(), fetcher.requestedNames());
    List<String> expectedFiles = new ArrayList<>(TOP_LEVEL);
    visited.forEach(r -> expectedFiles.add(r + ".json"));
    assertEquals(expectedFiles.stream().sorted().toList(), files());
  }

  static Stream<Arguments> delegationGraphs() {
    return Stream.of(
        arguments("basic delegation", List.of(edge("targets", "A")), List.of("A")),
        arguments(
            "single level", List.of(edge("targets", "A"), edge("targets", "B")), List.of("A", "B")),
        arguments(
            "two levels",
            List.of(edge("targets", "A"), edge("targets", "B"), edge("B", "C")),
            List.of("A", "B", "C")),
        arguments(
            "two levels, depth first",
            List.of(edge("targets", "A"), edge("targets", "B"), edge("A", "C"), edge("A", "D")),
            List.of("A", "C", "D", "B")),
        arguments(
            "three levels, depth first",
            List.of(edge("targets", "A"), edge("targets", "B"), edge("A", "C"), edge("C", "D")),
            List.of("A", "C", "D", "B")),
        arguments(
            "terminating role: only its descendants after it",
            List.of(
                edge("targets", "A"), edge("targets", "B"), edge("A", "C", true), edge("A", "D")),
            List.of("A", "C")),
        arguments(
            "terminating role with a child",
            List.of(
                edge("targets", "A"), edge("targets", "B"), edge("A", "C", true), edge("C", "D")),
            List.of("A", "C", "D")),
        arguments(
            "branch whose paths do not match is skipped",
            List.of(edge("targets", "A", false, "*.py"), edge("targets", "B"), edge("A", "C")),
            List.of("B")),
        arguments(
            "deeper branch whose paths do not match is skipped",
            List.of(
                edge("targets", "A"),
                edge("targets", "B"),
                edge("A", "C", false, "*.py"),
                edge("C", "D")),
            List.of("A", "B")),
        arguments(
            "cycle",
            List.of(
                edge("targets", "A"),
                edge("targets", "B"),
                edge("B", "C"),
                edge("C", "D"),
                edge("D", "B")),
            List.of("A", "B", "C", "D")),
        arguments(
            "two roles delegating to a third: reached through the first",
            List.of(edge("targets", "A"), edge("targets", "B"), edge("B", "C"), edge("A", "C")),
            List.of("A", "C", "B")),
        arguments(
            "two roles delegating to a third, the first for other paths",
            List.of(
                edge("targets", "A"),
                edge("targets", "B"),
                edge("B", "C"),
                edge("A", "C", false, "*.py")),
            List.of("A", "B", "C")),
        arguments(
            "visited-role cap of 4: the fifth role is not visited",
            List.of(
                edge("targets", "A"),
                edge("targets", "B"),
                edge("targets", "C"),
                edge("C", "D"),
                edge("C", "E")),
            List.of("A", "B", "C", "D")));
  }

  @Test
  void findTarget_roleReachedThroughASecondDelegator_refused_neverTrustedOnTheFirstsWord() {
    delegate(edge("targets", "A"));
    delegate(edge("targets", "B"));
    delegate(edge("A", "C", false, "*.py"));
    delegate(edge("B", "C"));
    sim.addTarget("C", "a.py", "a".getBytes(UTF_8));
    sim.addTarget("C", "b.txt", "b".getBytes(UTF_8));
    sim.updateSnapshot();
    Updater updater = updater();
    updater.refresh();
    assertEquals("a.py", updater.findTarget("a.py").orElseThrow().path());

    // C was verified by A's keys; B's lookup must not take it on A's word.
    RepositoryException e =
        assertThrowsExactly(RepositoryException.class, () -> updater.findTarget("b.txt"));
    assertTrue(e.getMessage().contains("C is delegated by both A and B"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targetSearches")
  void findTarget_searchesThroughDelegationsWhosePathsMatch(
      String path, boolean found, List<String> visited) {
    delegate(edge("targets", "A", false, "*.doc", "*.md"));
    delegate(edge("targets", "B", false, "releases/*/*"));
    delegate(edge("B", "C", false, "releases/x/*"));
    delegate(edge("B", "D", false, "releases/y/*.zip"));
    sim.addTarget("targets", "targetfile", "targetfile content".getBytes(UTF_8));
    sim.addTarget("A", "README.md", "README by A".getBytes(UTF_8));
    sim.addTarget("C", "releases/x/x_v1", "x release by C".getBytes(UTF_8));
    sim.addTarget("D", "releases/y/y_v1.zip", "y release by D".getBytes(UTF_8));
    sim.addTarget("D", "releases/z/z_v1.zip", "z release by D".getBytes(UTF_8));
    sim.targets.version++;
    sim.updateSnapshot();
    Updater updater = updater();
    updater.refresh();
    fetcher.clearRequests();

    Optional<TargetFile> target = updater.findTarget(path);

    assertEquals(found, target.isPresent());
    target.ifPresent(
        t -> assertEquals(Hashes.sha256Hex(sim.targetFile(path)), t.hashes().get("sha256")));
    assertEquals(visited.stream().map(r -> "1." + r + ".json").toList(), fetcher.requestedNames());
  }

  static Stream<Arguments> targetSearches() {
    return Stream.of(
        arguments("targetfile", true, List.of()),
        arguments("README.md", true, List.of("A")),
        arguments("releases/x/x_v1", true, List.of("B", "C")),
        arguments("releases/y/y_v1.zip", true, List.of("B", "D")),
        arguments("releases/z/z_v1.zip", false, List.of("B")));
  }

  @Test
  void findTarget_visitsOnlyTheHashBinOfThePath() {
    Map<String, String> bins = new LinkedHashMap<>();
    bins.put("bin-0-3", "0123");
    bins.put("bin-4-7", "4567");
    bins.put("bin-8-b", "89ab");
    bins.put("bin-c-f", "cdef");
    bins.forEach(
        (bin, prefixes) ->
            sim.addDelegation("targets", bin, false, null, Arrays.asList(prefixes.split(""))));
    String path = "eole/eole-1.0.0.tar.gz";
    sim.addTarget(binOf(path, bins), path, "eole".getBytes(UTF_8));
    sim.updateSnapshot();
    Updater updater = updater();
    updater.refresh();
    fetcher.clearRequests();
    List<String> expected = new ArrayList<>();

    for (String missing : List.of("missingpath", "othermissingpath", "thirdmissingpath", path)) {
      Optional<TargetFile> found = updater.findTarget(missing);
      assertEquals(missing.equals(path), found.isPresent(), missing);
      String request = "1." + binOf(missing, bins) + ".json";
      if (!expected.contains(request)) {
        expected.add(request);
      }
    }

    assertEquals(expected, fetcher.requestedNames());
  }

  private static String binOf(String path, Map<String, String> bins) {
    String first = Hashes.sha256Hex(path.getBytes(UTF_8)).substring(0, 1);
    return bins.entrySet().stream()
        .filter(e -> e.getValue().contains(first))
        .findFirst()
        .orElseThrow()
        .getKey();
  }

  @Test
  void findTarget_visitsAtMostTheDefaultCapOfDelegatedRoles() {
    List<String> roles =
        IntStream.rangeClosed(1, 40).mapToObj(i -> String.format("role-%02d", i)).toList();
    roles.forEach(r -> delegate(edge("targets", r)));
    sim.updateSnapshot();
    Updater updater = updater();
    updater.refresh();
    fetcher.clearRequests();

    assertEquals(Optional.empty(), updater.findTarget("missingpath"));

    assertEquals(
        roles.subList(0, MetadataLimits.DEFAULT.maxDelegations()).stream()
            .map(r -> "1." + r + ".json")
            .toList(),
        fetcher.requestedNames());
  }

  @Test
  void findTarget_percentEncodesRoleNamesInUrlsAndFileNames() {
    Map<String, String> encoded = new LinkedHashMap<>();
    encoded.put("../a", "..%2Fa");
    encoded.put(".", ".");
    encoded.put("/", "%2F");
    encoded.put("eole/lts", "eole%2Flts");
    encoded.put("ö", "%C3%B6");
    encoded.keySet().forEach(r -> delegate(edge("targets", r)));
    sim.updateSnapshot();
    Updater updater = updater();
    updater.refresh();
    fetcher.clearRequests();

    assertEquals(Optional.empty(), updater.findTarget("anything"));

    assertEquals(
        encoded.values().stream().map(e -> "1." + e + ".json").toList(), fetcher.requestedNames());
    List<String> expectedFiles = new ArrayList<>(TOP_LEVEL);
    encoded.values().forEach(e -> expectedFiles.add(e + ".json"));
    assertEquals(expectedFiles.stream().sorted().toList(), files());
  }

  @Test
  void findTarget_stopsAtDelegatedRoleSignedByUnknownKey() {
    delegate(edge("targets", "invalid"));
    delegate(edge("targets", "B"));
    delegate(edge("invalid", "C"));
    sim.role("invalid").signers.set(0, RepositorySimulator.newKey());
    sim.updateSnapshot();
    Updater updater = updater();
    updater.refresh();
    fetcher.clearRequests();
    Map<String, String> before = stored();

    UnsignedMetadataException e =
        assertThrowsExactly(
            UnsignedMetadataException.class, () -> updater.findTarget("missingpath"));

    assertUnsigned(e, "invalid", 0, 1);
    assertEquals(List.of("1.invalid.json"), fetcher.requestedNames());
    assertEquals(before, stored());
  }

  @Test
  void findTarget_rejectsDelegatedRoleOfAnotherVersionThanSnapshotLists() {
    delegate(edge("targets", "A"));
    sim.updateSnapshot();
    sim.role("A").version = 2;
    Updater updater = updater();
    updater.refresh();
    Map<String, String> before = stored();

    BadVersionException e =
        assertThrowsExactly(BadVersionException.class, () -> updater.findTarget("missingpath"));

    assertBadVersion(e, "A", 1, 2);
    assertEquals(before, stored());
  }

  @Test
  void findTarget_rejectsDelegatedRoleMissingFromSnapshot() {
    delegate(edge("targets", "A"));
    sim.targets.version++;
    sim.snapshotMeta.put("targets.json", new MetaFile(sim.targets.version, null, Map.of()));
    sim.snapshot.version++;
    sim.updateTimestamp();
    Updater updater = updater();
    updater.refresh();
    fetcher.clearRequests();

    RepositoryException e =
        assertThrowsExactly(RepositoryException.class, () -> updater.findTarget("missingpath"));

    assertEquals("A", e.role());
    assertEquals(List.of(), fetcher.requests());
  }

  @Test
  void findTarget_doesNotLoadARoleTwice() {
    delegate(edge("targets", "role1"));
    sim.updateSnapshot();
    Updater updater = updater();
    updater.refresh();
    fetcher.clearRequests();

    updater.findTarget("somepath");
    updater.findTarget("somepath");

    assertEquals(List.of("1.role1.json"), fetcher.requestedNames());
  }

  @Test
  void findTarget_usesTheStoredCopiesOfAnEarlierRun() {
    delegate(edge("targets", "role1"));
    sim.updateSnapshot();
    Updater first = updater();
    first.refresh();
    first.findTarget("non_existent_target");
    fetcher.clearRequests();

    Updater second = updater();
    second.refresh();
    second.findTarget("non_existent_target");

    assertEquals(List.of("2.root.json", "timestamp.json"), fetcher.requestedNames());
  }

  // Targets

  @Test
  void download_fetchesTargetUnderItsConsistentNameAndStoresTheVerifiedBytes() throws IOException {
    String path = "eole/eole-1.0.0.tar.gz";
    byte[] content = "eole 1.0.0".getBytes(UTF_8);
    TargetFile added = sim.addTarget("targets", path, content);
    sim.targets.version++;
    sim.updateSnapshot();
    Updater updater = updater();
    updater.refresh();
    fetcher.clearRequests();

    TargetFile found = updater.findTarget(path).orElseThrow();
    assertEquals(Optional.empty(), new TargetCache(targetsDir).find(found));
    Path file = updater.download(found);

    assertEquals(added, found);
    assertEquals(
        List.of("eole/" + Hashes.sha256Hex(content) + ".eole-1.0.0.tar.gz"),
        fetcher.requestedNames());
    assertEquals(content.length, fetcher.requests().get(0).maxLength());
    assertEquals(targetsDir.resolve("eole%2Feole-1.0.0.tar.gz"), file);
    assertArrayEquals(content, Files.readAllBytes(file));
    assertEquals(Optional.of(file), new TargetCache(targetsDir).find(found));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targetPaths")
  void download_storesTargetUnderItsPercentEncodedPath(String path, String fileName)
      throws IOException {
    byte[] content = ("content of " + path).getBytes(UTF_8);
    sim.addTarget("targets", path, content);
    sim.targets.version++;
    sim.updateSnapshot();
    Updater updater = updater();
    updater.refresh();

    Path file = updater.download(updater.findTarget(path).orElseThrow());

    assertEquals(targetsDir.resolve(fileName), file);
    assertArrayEquals(content, Files.readAllBytes(file));
  }

  static Stream<Arguments> targetPaths() {
    return Stream.of(
        arguments("targetpath", "targetpath"),
        arguments("åäö", "%C3%A5%C3%A4%C3%B6"),
        arguments("a/b/c/targetpath", "a%2Fb%2Fc%2Ftargetpath"));
  }

  @Test
  void download_percentEncodesTargetPathInTheUrl() throws IOException {
    String path = "docs/notes v1?#.txt";
    byte[] content = "notes".getBytes(UTF_8);
    sim.addTarget("targets", path, content);
    sim.targets.version++;
    sim.updateSnapshot();
    Updater updater = updater();
    updater.refresh();
    fetcher.clearRequests();

    Path file = updater.download(updater.findTarget(path).orElseThrow());

    assertEquals(
        List.of("docs/" + Hashes.sha256Hex(content) + ".notes%20v1%3F%23.txt"),
        fetcher.requestedNames());
    assertArrayEquals(content, Files.readAllBytes(file));
  }

  @Test
  void download_withoutConsistentSnapshotFetchesThePlainPath() {
    sim.consistentSnapshot = false;
    sim.root.version = 2;
    sim.publishRoot();
    sim.addTarget("targets", "eole/eole-1.0.0.tar.gz", "eole".getBytes(UTF_8));
    sim.targets.version++;
    sim.updateSnapshot();
    Updater updater = updater();
    updater.refresh();
    fetcher.clearRequests();

    updater.download(updater.findTarget("eole/eole-1.0.0.tar.gz").orElseThrow());

    assertEquals(List.of("eole/eole-1.0.0.tar.gz"), fetcher.requestedNames());
  }

  @Test
  void download_unchangedTargetIsNotDownloadedTwice() {
    sim.addTarget("targets", "eole.tar.gz", "eole".getBytes(UTF_8));
    sim.targets.version++;
    sim.updateSnapshot();
    Updater first = updater();
    first.refresh();
    Path file = first.download(first.findTarget("eole.tar.gz").orElseThrow());
    fetcher.clearRequests();

    Updater second = updater();
    second.refresh();
    Path again = second.download(second.findTarget("eole.tar.gz").orElseThrow());

    assertEquals(file, again);
    assertEquals(List.of("2.root.json", "timestamp.json"), fetcher.requestedNames());
  }

  @Test
  void download_changedTargetIsDownloadedAgainUnderTheSameName() throws IOException {
    sim.addTarget("targets", "eole.tar.gz", "eole 1".getBytes(UTF_8));
    sim.targets.version++;
    sim.updateSnapshot();
    Updater first = updater();
    first.refresh();
    Path file = first.download(first.findTarget("eole.tar.gz").orElseThrow());
    byte[] changed = "eole 2, longer".getBytes(UTF_8);
    sim.addTarget("targets", "eole.tar.gz", changed);
    sim.targets.version++;
    sim.updateSnapshot();
    fetcher.clearRequests();

    Updater second = updater();
    second.refresh();
    Path again = second.download(second.findTarget("eole.tar.gz").orElseThrow());

    assertEquals(file, again);
    assertArrayEquals(changed, Files.readAllBytes(again));
    assertEquals(Hashes.sha256Hex(changed) + ".eole.tar.gz", last(fetcher.requestedNames()));
    assertEquals(List.of("eole.tar.gz"), list(targetsDir));
  }

  @Test
  void download_rejectsTargetWithWrongHashAndStoresNothing() {
    byte[] content = "eole 1.0.0".getBytes(UTF_8);
    TargetFile target = sim.addTarget("targets", "eole.tar.gz", content);
    sim.targets.version++;
    sim.updateSnapshot();
    byte[] tampered = "EOLE 1.0.0".getBytes(UTF_8);
    fetcher.misbehave(fetcher.consistentTargetUrl(target), new Misbehaviour.Bytes(tampered));
    Updater updater = updater();
    updater.refresh();
    TargetFile found = updater.findTarget("eole.tar.gz").orElseThrow();

    LengthOrHashMismatchException e =
        assertThrowsExactly(LengthOrHashMismatchException.class, () -> updater.download(found));

    assertEquals("eole.tar.gz", e.role());
    assertTrue(e.getMessage().contains("sha256"), e.getMessage());
    assertEquals(List.of(), list(targetsDir));
  }

  @Test
  void download_rejectsTargetShorterThanItsSignedLengthAndStoresNothing() {
    TargetFile target = sim.addTarget("targets", "eole.tar.gz", "eole 1.0.0".getBytes(UTF_8));
    sim.targets.version++;
    sim.updateSnapshot();
    fetcher.misbehave(
        fetcher.consistentTargetUrl(target), new Misbehaviour.Bytes("eole".getBytes(UTF_8)));
    Updater updater = updater();
    updater.refresh();
    TargetFile found = updater.findTarget("eole.tar.gz").orElseThrow();

    LengthOrHashMismatchException e =
        assertThrowsExactly(LengthOrHashMismatchException.class, () -> updater.download(found));

    assertTrue(e.getMessage().contains("length"), e.getMessage());
    assertEquals(List.of(), list(targetsDir));
  }

  @Test
  void download_cutsEndlessTargetAtItsSignedLengthAndStoresNothing() {
    byte[] content = "eole 1.0.0".getBytes(UTF_8);
    TargetFile target = sim.addTarget("targets", "eole.tar.gz", content);
    sim.targets.version++;
    sim.updateSnapshot();
    fetcher.misbehave(fetcher.consistentTargetUrl(target), new Misbehaviour.Endless());
    Updater updater = updater();
    updater.refresh();
    TargetFile found = updater.findTarget("eole.tar.gz").orElseThrow();

    LengthLimitException e =
        assertThrowsExactly(LengthLimitException.class, () -> updater.download(found));

    assertEquals(content.length, e.limit());
    assertEquals(List.of(), list(targetsDir));
  }

  @Test
  void download_keepsTheVerifiedCopyWhenTheRepositoryLaterServesOtherBytes() throws IOException {
    byte[] content = "eole 1.0.0".getBytes(UTF_8);
    TargetFile one = sim.addTarget("targets", "eole.tar.gz", content);
    TargetFile two = sim.addTarget("targets", "other.tar.gz", "other".getBytes(UTF_8));
    sim.targets.version++;
    sim.updateSnapshot();
    Updater first = updater();
    first.refresh();
    Path file = first.download(first.findTarget("eole.tar.gz").orElseThrow());
    byte[] malicious = "malicious".getBytes(UTF_8);
    fetcher.misbehave(fetcher.consistentTargetUrl(one), new Misbehaviour.Bytes(malicious));
    fetcher.misbehave(fetcher.consistentTargetUrl(two), new Misbehaviour.Bytes(malicious));
    fetcher.clearRequests();

    Updater second = updater();
    second.refresh();
    second.download(second.findTarget("eole.tar.gz").orElseThrow());
    TargetFile other = second.findTarget("other.tar.gz").orElseThrow();
    assertThrowsExactly(LengthLimitException.class, () -> second.download(other));

    assertArrayEquals(content, Files.readAllBytes(file));
    assertEquals(List.of("eole.tar.gz"), list(targetsDir));
    assertFalse(fetcher.requests().stream().anyMatch(r -> r.url().getPath().contains("eole")));
  }

  // What a complete refresh verified, kept for the next

  /** A complete refresh, as a sync makes it, kept in {@code verified}. */
  private RefreshOutcome refreshAndSearch(VerifiedMetadata verified) {
    Updater updater = updater(verified);
    RefreshOutcome outcome = updater.refresh();
    updater.allTargets();
    return outcome;
  }

  @Test
  void refresh_withNothingNew_reusesWhatTheLastCompleteRefreshVerified() {
    etags = new MapEtagStore();
    sim.addTarget("targets", "eole.tar.gz", "eole 1.0.0".getBytes(UTF_8));
    sim.targets.version++;
    sim.updateSnapshot();
    VerifiedMetadata verified = new VerifiedMetadata();
    Updater first = updater(verified);
    RefreshOutcome before = first.refresh();
    List<TargetFile> targets = first.allTargets();
    Map<String, String> stored = stored();
    fetcher.clearRequests();

    Updater second = updater(verified);
    RefreshOutcome outcome = second.refresh();

    assertFalse(outcome.changed());
    assertSame(before.trusted(), outcome.trusted(), "verified again");
    assertSame(targets, second.allTargets());
    assertEquals(List.of("timestamp.json"), fetcher.requestedNames());
    assertEquals(
        SimulatorFetcher.etag(sim.metadata("timestamp")), fetcher.requests().get(0).ifNoneMatch());
    assertEquals(stored, stored());
  }

  @Test
  void refresh_withNothingNew_asksForTheNextRootOnceTheLastAnswerIsADayOld() {
    etags = new MapEtagStore();
    VerifiedMetadata verified = new VerifiedMetadata();
    RefreshOutcome first = refreshAndSearch(verified);
    fetcher.clearRequests();

    clock =
        Clock.fixed(
            REFERENCE_TIME.plus(Updater.ROOT_CHECK_INTERVAL).minusSeconds(1), ZoneOffset.UTC);
    updater(verified).refresh();
    List<String> withinADay = fetcher.requestedNames();
    fetcher.clearRequests();
    clock = Clock.fixed(REFERENCE_TIME.plus(Updater.ROOT_CHECK_INTERVAL), ZoneOffset.UTC);
    RefreshOutcome checked = updater(verified).refresh();
    List<String> aDayOn = fetcher.requestedNames();
    fetcher.clearRequests();
    clock =
        Clock.fixed(
            REFERENCE_TIME.plus(Updater.ROOT_CHECK_INTERVAL).plusSeconds(60), ZoneOffset.UTC);
    RefreshOutcome after = updater(verified).refresh();

    assertEquals(List.of("timestamp.json"), withinADay);
    assertEquals(List.of("timestamp.json", "2.root.json"), aDayOn);
    assertEquals(List.of("timestamp.json"), fetcher.requestedNames(), "counted from that answer");
    assertSame(first.trusted(), checked.trusted());
    assertSame(first.trusted(), after.trusted());
  }

  @Test
  void refresh_afterAPublication_asksNothingTwiceAndKeepsWhatItVerified() {
    etags = new MapEtagStore();
    VerifiedMetadata verified = new VerifiedMetadata();
    RefreshOutcome first = refreshAndSearch(verified);
    sim.targets.version++;
    sim.updateSnapshot();
    fetcher.clearRequests();

    RefreshOutcome second = refreshAndSearch(verified);
    RefreshOutcome third = updater(verified).refresh();

    assertTrue(second.changed());
    assertNotSame(first.trusted(), second.trusted());
    assertSame(second.trusted(), third.trusted());
    assertEquals(
        List.of(
            "timestamp.json", "2.root.json", "2.snapshot.json", "2.targets.json", "timestamp.json"),
        fetcher.requestedNames());
  }

  @Test
  void refresh_afterTheRotationLimitEndedTheRootUpdate_asksForTheNextRootAtTheNextPoll() {
    etags = new MapEtagStore();
    limits = limits(3, MetadataLimits.DEFAULT.maxDelegations());
    for (int version = 2; version <= 6; version++) {
      sim.root.version = version;
      sim.publishRoot();
    }
    VerifiedMetadata verified = new VerifiedMetadata();
    refreshAndSearch(verified);
    assertStored("root", sim.rootBytes(4));
    fetcher.clearRequests();

    updater(verified).refresh();

    assertEquals(
        List.of("timestamp.json", "5.root.json", "6.root.json", "7.root.json"),
        fetcher.requestedNames().subList(0, 4));
    assertStored("root", sim.rootBytes(6));
  }

  @Test
  void refresh_afterARootRotationWithANewTimestamp_followsItAtOnceAndAsksNothingTwice() {
    etags = new MapEtagStore();
    VerifiedMetadata verified = new VerifiedMetadata();
    refreshAndSearch(verified);
    rotateKey(sim.timestamp);
    sim.root.version = 2;
    sim.publishRoot();
    fetcher.clearRequests();

    Updater updater = updater(verified);
    updater.refresh();

    assertEquals(List.of("timestamp.json", "2.root.json", "3.root.json"), fetcher.requestedNames());
    assertStored("root", sim.rootBytes(2));
    assertStored("timestamp", sim.metadata("timestamp"));
    assertEquals(Optional.of(new RootRotation(1, 2, List.of("timestamp"))), updater.rotation());
  }

  @Test
  void refresh_afterARootRotationWithTheSameTimestamp_followsItAtTheDailyCheck() {
    etags = new MapEtagStore();
    VerifiedMetadata verified = new VerifiedMetadata();
    refreshAndSearch(verified);
    sim.root.version = 2;
    sim.publishRoot();
    fetcher.clearRequests();

    Updater sameDay = updater(verified);
    sameDay.refresh();
    List<String> askedSameDay = fetcher.requestedNames();
    fetcher.clearRequests();
    clock = Clock.fixed(REFERENCE_TIME.plus(Updater.ROOT_CHECK_INTERVAL), ZoneOffset.UTC);
    Updater nextDay = updater(verified);
    nextDay.refresh();

    assertEquals(List.of("timestamp.json"), askedSameDay);
    assertEquals(Optional.empty(), sameDay.rotation());
    assertEquals(List.of("timestamp.json", "2.root.json", "3.root.json"), fetcher.requestedNames());
    assertStored("root", sim.rootBytes(2));
    assertTrue(nextDay.rotation().isPresent());
  }

  @Test
  void refresh_ofANewTimestampSignedByAKeyANewRootRevoked_refusesIt_thoughTheKeptRootTrustsIt() {
    etags = new MapEtagStore();
    VerifiedMetadata verified = new VerifiedMetadata();
    refreshAndSearch(verified);
    byte[] trustedTimestamp = sim.metadata("timestamp");
    List<Ed25519SigningKey> revoked = List.copyOf(sim.timestamp.signers);
    rotateKey(sim.timestamp);
    sim.root.version = 2;
    sim.publishRoot();
    // The mirror serves a new timestamp signed by the revoked key, as one who stole it would.
    sim.timestamp.signers.clear();
    sim.timestamp.signers.addAll(revoked);
    sim.timestamp.version++;

    UnsignedMetadataException e =
        assertThrowsExactly(UnsignedMetadataException.class, () -> updater(verified).refresh());

    assertEquals("timestamp", e.role());
    assertStored("root", sim.rootBytes(2));
    assertStored("timestamp", trustedTimestamp);
  }

  @Test
  void refresh_verifiesAgainAStoredFileChangedSinceTheLastRefresh_andRefusesIt()
      throws IOException {
    etags = new MapEtagStore();
    VerifiedMetadata verified = new VerifiedMetadata();
    refreshAndSearch(verified);
    // Written in place, as an editor or an intruder would, not by this software's rename.
    Files.write(metadataDir.resolve("root.json"), "{}".getBytes(UTF_8));

    RepositoryException kept =
        assertThrowsExactly(RepositoryException.class, () -> updater(verified).refresh());
    RepositoryException without =
        assertThrowsExactly(RepositoryException.class, () -> updater().refresh());

    assertEquals("root", kept.role());
    assertEquals(without.getMessage(), kept.getMessage());
  }

  @Test
  void refresh_fetchesAgainAStoredFileReplacedSinceTheLastRefresh() {
    etags = new MapEtagStore();
    VerifiedMetadata verified = new VerifiedMetadata();
    RefreshOutcome first = refreshAndSearch(verified);
    byte[] current = sim.metadata("targets");
    // Replaced as this software replaces a file, by a rename, with what does not verify.
    new MetadataStore(metadataDir).write("targets", "{}".getBytes(UTF_8));
    fetcher.clearRequests();

    RefreshOutcome second = updater(verified).refresh();

    assertNotSame(first.trusted(), second.trusted());
    assertEquals(
        List.of("2.root.json", "timestamp.json", "1.targets.json"), fetcher.requestedNames());
    assertStored("targets", current);
  }

  @ParameterizedTest
  @ValueSource(strings = {"root", "timestamp", "snapshot", "targets"})
  void refresh_refusesWhatExpiredSinceTheLastRefresh_asWithoutIt(String role) {
    etags = new MapEtagStore();
    sim.role(role).expires = REFERENCE_TIME.plus(Duration.ofDays(1));
    trust(sim.publishRoot());
    VerifiedMetadata verified = new VerifiedMetadata();
    refreshAndSearch(verified);
    clock = Clock.fixed(REFERENCE_TIME.plus(Duration.ofDays(2)), ZoneOffset.UTC);
    Map<String, String> stored = stored();
    fetcher.clearRequests();

    ExpiredMetadataException kept =
        assertThrowsExactly(ExpiredMetadataException.class, () -> updater(verified).refresh());
    List<Request> askedWithIt = fetcher.requests();
    fetcher.clearRequests();
    ExpiredMetadataException without =
        assertThrowsExactly(ExpiredMetadataException.class, () -> updater().refresh());

    assertEquals(role, kept.role());
    assertEquals(without.getMessage(), kept.getMessage());
    assertEquals(fetcher.requests(), askedWithIt);
    assertEquals(stored, stored());
  }

  // Helpers

  private Updater updater() {
    return updater(new VerifiedMetadata());
  }

  private Updater updater(VerifiedMetadata verified) {
    return new Updater(
        METADATA_URL,
        TARGETS_URL,
        new MetadataStore(metadataDir),
        new TargetCache(targetsDir),
        fetcher,
        clock,
        limits,
        etags,
        verified);
  }

  private RefreshOutcome refresh() {
    return updater().refresh();
  }

  private void trust(byte[] root) {
    new MetadataStore(metadataDir).write("root", root);
  }

  private URI timestampUrl() {
    return fetcher.metadataUrl("timestamp.json");
  }

  /** Refreshes, expecting a refusal that leaves every stored file as it was. */
  private <T extends Throwable> T assertRefused(Class<T> type) {
    Map<String, String> before = stored();
    T e = assertThrowsExactly(type, this::refresh);
    assertEquals(before, stored(), "stored metadata after a refused refresh");
    return e;
  }

  /** Stored metadata, file name to content (ISO-8859-1 keeps every byte). */
  private Map<String, String> stored() {
    Map<String, String> files = new TreeMap<>();
    for (String name : files()) {
      files.put(name, new String(read(metadataDir.resolve(name)), ISO_8859_1));
    }
    return files;
  }

  /** {@code before} with the repository's current bytes of {@code roles}. */
  private Map<String, String> withCurrent(Map<String, String> before, String... roles) {
    Map<String, String> expected = new TreeMap<>(before);
    for (String role : roles) {
      expected.put(role + ".json", new String(sim.metadata(role), ISO_8859_1));
    }
    return expected;
  }

  private List<String> files() {
    return list(metadataDir);
  }

  private static List<String> list(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void assertStored(String role, byte[] expected) {
    assertEquals(
        new String(expected, ISO_8859_1),
        new String(read(metadataDir.resolve(role + ".json")), ISO_8859_1),
        role + ".json");
  }

  private long storedVersion(String role) {
    try {
      return JSON.readTree(read(metadataDir.resolve(role + ".json")))
          .get("signed")
          .get("version")
          .asLong();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds a delegation edge: a new role, or one more delegator of a role that exists. */
  private void delegate(Edge edge) {
    if (sim.delegatedRoleNames().contains(edge.to())) {
      sim.role(edge.from())
          .delegations
          .add(new Delegation(edge.to(), edge.terminating(), edge.paths(), null));
    } else {
      sim.addDelegation(edge.from(), edge.to(), edge.terminating(), edge.paths(), null);
    }
  }

  private static void rotateKey(RepositorySimulator.Role role) {
    role.clearKeys();
    role.addKey();
  }

  private static MetadataLimits limits(int maxRootRotations, int maxDelegations) {
    MetadataLimits d = MetadataLimits.DEFAULT;
    return new MetadataLimits(
        d.rootMaxBytes(),
        d.timestampMaxBytes(),
        d.snapshotMaxBytes(),
        d.targetsMaxBytes(),
        maxRootRotations,
        maxDelegations);
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
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

  /** Entity tags kept in memory between runs. */
  private static final class MapEtagStore implements EtagStore {
    private final Map<String, String> tags = new HashMap<>();

    @Override
    public Optional<String> find(String url) {
      return Optional.ofNullable(tags.get(url));
    }

    @Override
    public void put(String url, String etag) {
      if (etag == null) {
        tags.remove(url);
      } else {
        tags.put(url, etag);
      }
    }
  }
}
