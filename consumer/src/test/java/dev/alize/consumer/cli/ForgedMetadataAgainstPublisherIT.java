package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.codec.Hashes;
import dev.alize.common.codec.StrictJson;
import dev.alize.common.crypto.Ed25519SigningKey;
import dev.alize.common.tuf.Metadata;
import dev.alize.consumer.cli.ConsumerSite.Run;
import dev.alize.consumer.cli.ConsumerSite.Trusted;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks with metadata forged from the publisher's own keys, read from its key folder: each test
 * has its own repository (one key per role), since some leave it changed for good.
 */
class ForgedMetadataAgainstPublisherIT {

  private static final String TIMESTAMP = "/metadata/timestamp.json";

  @TempDir Path dir;
  private LivePublisher publisher;
  private ConsumerSite site;
  private final List<TamperingFront> fronts = new ArrayList<>();

  @BeforeEach
  void publish() throws Exception {
    publisher = LivePublisher.init(dir.resolve("publisher"));
    publisher.release("eole", "1.0.0", "stable");
    publisher.release("acme-monitoring", "1.0.0", "stable");
    publisher.serve();
    site = new ConsumerSite(dir.resolve("site"), publisher);
    Run first = site.sync(site.direct());
    assertEquals(0, first.exit(), () -> first.out() + first.err());
  }

  @AfterEach
  void stop() throws InterruptedException {
    fronts.forEach(TamperingFront::close);
    if (publisher != null) {
      publisher.close();
    }
  }

  @Test
  void fastForwardedTimestamp_isRecoveredFromByATimestampKeyRotation() throws Exception {
    ObjectNode forged = signed(publisher.metadata("timestamp.json"));
    forged.put("version", 1000);
    byte[] fastForwarded = Metadata.sign(forged, keys("timestamp"));
    TamperingFront front = front().serve(TIMESTAMP, fastForwarded);

    // The consumer cannot tell: the timestamp key signed it.
    Run attack = site.sync(site.config("front.yml", front.settings()));
    assertEquals(0, attack.exit(), () -> attack.out() + attack.err());
    assertArrayEquals(fastForwarded, Files.readAllBytes(site.metadata("timestamp")));

    publisher.edit("rotate-key", "timestamp");
    publisher.release("eole", "1.0.1", "stable");
    assertTrue(version(publisher.metadata("timestamp.json")) < 1000);

    Run run = site.sync(site.direct());

    assertEquals(0, run.exit(), () -> run.out() + run.err());
    assertEquals(
        List.of(
            "upstream/acme-monitoring: up to date at 1.0.0",
            "upstream/eole: updated 1.0.0 -> 1.0.1: 0 added, 0 changed, 0 removed, 18 unchanged;"
                + " conflicts: 0 blocking, 0 warning, 0 information"),
        run.out());
    assertArrayEquals(
        Files.readAllBytes(publisher.metadata("root.json")),
        Files.readAllBytes(site.metadata("root")));
    assertArrayEquals(
        Files.readAllBytes(publisher.metadata("timestamp.json")),
        Files.readAllBytes(site.metadata("timestamp")));
    assertEquals(Map.of("acme-monitoring", "1.0.0", "eole", "1.0.1"), site.trusted().installed());
  }

  @Test
  void rootRaisingTheTimestampThresholdAboveItsKeys_isTrustedButNoTimestampVerifies()
      throws Exception {
    ObjectNode root = signed(publisher.metadata("root.json"));
    long next = root.get("version").asLong() + 1;
    root.put("version", next);
    ObjectNode timestamp = (ObjectNode) root.get("roles").get("timestamp");
    assertEquals(1, timestamp.get("keyids").size());
    timestamp.put("threshold", 2);
    byte[] raised = Metadata.sign(root, keys("root"));
    Files.write(publisher.metadata(next + ".root.json"), raised);
    Trusted before = site.trusted();

    Run run = site.sync(site.direct());

    assertEquals(1, run.exit(), () -> run.out() + run.err());
    assertEquals(1, run.out().size(), run.out()::toString);
    String line = run.out().get(0);
    assertTrue(line.startsWith("upstream: failed: "), line);
    assertTrue(
        line.contains("timestamp: 1 valid signature(s) from root's keys for timestamp, 2 required"),
        line);
    assertArrayEquals(raised, Files.readAllBytes(site.metadata("root")));
    assertEquals(before.installed(), site.trusted().installed());
  }

  @Test
  void delegatedRole_isFollowedAndMustBeSignedByTheKeysItIsDelegatedTo() throws Exception {
    publisher.release("eole", "1.0.1", "stable");
    String release = "eole/eole-1.0.1.tar.gz";
    Ed25519SigningKey team = Ed25519SigningKey.generate(new SecureRandom());

    ObjectNode targets = currentTargets();
    JsonNode listed = ((ObjectNode) targets.get("targets")).remove(release);
    assertTrue(listed != null, "the publisher lists " + release);
    long targetsVersion = targets.get("version").asLong() + 1;
    targets.put("version", targetsVersion);
    ObjectNode delegations = targets.putObject("delegations");
    delegations.putObject("keys").set(team.keyId(), team.publicKey().toJson());
    ObjectNode role = delegations.putArray("roles").addObject();
    role.put("name", "eole-team");
    role.putArray("keyids").add(team.keyId());
    role.put("threshold", 1);
    role.put("terminating", true);
    role.putArray("paths").add("eole/*");

    ObjectNode teamTargets = targets.deepCopy();
    teamTargets.remove("delegations");
    teamTargets.put("version", 1);
    teamTargets.putObject("targets").set(release, listed);

    TamperingFront front =
        front()
            .serve("/metadata/" + targetsVersion + ".targets.json", sign(targets, "targets"))
            .serve("/metadata/1.eole-team.json", Metadata.sign(teamTargets, List.of(team)));
    long snapshotVersion = forgeSnapshotAndTimestamp(front, targetsVersion);
    Path metadata = dir.resolve("conformance/metadata");

    assertEquals(0, conformance("init", "--metadata-dir", metadata, publisher.trustAnchor()).exit);
    Conformance followed = download(front, metadata, release);

    assertEquals(0, followed.exit, followed.err);
    assertTrue(
        followed.paths.containsAll(
            List.of(
                "/metadata/" + snapshotVersion + ".snapshot.json",
                "/metadata/" + targetsVersion + ".targets.json",
                "/metadata/1.eole-team.json")),
        followed.paths::toString);

    // sync --once finds the release that only the delegated role lists, and imports it.
    Run sync = site.sync(site.config("front.yml", front.settings()));
    assertEquals(0, sync.exit(), sync.err());
    assertTrue(
        sync.out()
            .contains(
                "upstream/eole: updated 1.0.0 -> 1.0.1: 0 added, 0 changed, 0 removed, 18 unchanged;"
                    + " conflicts: 0 blocking, 0 warning, 0 information"),
        sync.out()::toString);
    assertEquals("1.0.1", site.trusted().installed().get("eole"));

    // The same role signed by a key the delegation does not name.
    Ed25519SigningKey stranger = Ed25519SigningKey.generate(new SecureRandom());
    front.serve("/metadata/1.eole-team.json", Metadata.sign(teamTargets, List.of(stranger)));
    Files.delete(metadata.resolve("eole-team.json"));
    Conformance refused = download(front, metadata, release);

    assertEquals(1, refused.exit, refused.err);
    assertTrue(refused.err.contains("eole-team: "), refused.err);
    assertTrue(refused.err.contains(" valid signature(s)"), refused.err);
    assertFalse(Files.exists(metadata.resolve("eole-team.json")), "the refused role is not kept");
  }

  /** A snapshot listing {@code targetsVersion} and eole-team 1, and a timestamp of it, served. */
  private long forgeSnapshotAndTimestamp(TamperingFront front, long targetsVersion)
      throws IOException {
    ObjectNode timestamp = signed(publisher.metadata("timestamp.json"));
    ObjectNode snapshotMeta = (ObjectNode) timestamp.get("meta").get("snapshot.json");
    ObjectNode snapshot =
        signed(publisher.metadata(snapshotMeta.get("version").asLong() + ".snapshot.json"));
    long snapshotVersion = snapshot.get("version").asLong() + 1;
    snapshot.put("version", snapshotVersion);
    ObjectNode meta = snapshot.putObject("meta");
    meta.putObject("targets.json").put("version", targetsVersion);
    meta.putObject("eole-team.json").put("version", 1);
    byte[] snapshotBytes = sign(snapshot, "snapshot");

    timestamp.put("version", timestamp.get("version").asLong() + 1);
    snapshotMeta.put("version", snapshotVersion);
    if (snapshotMeta.has("length")) {
      snapshotMeta.put("length", snapshotBytes.length);
    }
    if (snapshotMeta.has("hashes")) {
      snapshotMeta.putObject("hashes").put("sha256", Hashes.sha256Hex(snapshotBytes));
    }
    front
        .serve("/metadata/" + snapshotVersion + ".snapshot.json", snapshotBytes)
        .serve(TIMESTAMP, sign(timestamp, "timestamp"));
    return snapshotVersion;
  }

  private record Conformance(int exit, String err, List<String> paths) {}

  /** {@code conformance download} of {@code target} through {@code front}, and its requests. */
  private Conformance download(TamperingFront front, Path metadata, String target) {
    int already = front.paths().size();
    Conformance run =
        conformance(
            "download",
            "--metadata-dir",
            metadata,
            "--metadata-url",
            front.url().resolve("metadata/"),
            "--target-base-url",
            front.url().resolve("targets/"),
            "--target-dir",
            dir.resolve("conformance/targets"),
            "--target-name",
            target);
    List<String> paths = front.paths();
    return new Conformance(run.exit, run.err, paths.subList(already, paths.size()));
  }

  private static Conformance conformance(Object... args) {
    StringWriter err = new StringWriter();
    var cli = ConsumerCli.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("conformance"));
    for (Object a : args) {
      all.add(a.toString());
    }
    return new Conformance(cli.execute(all.toArray(String[]::new)), err.toString(), List.of());
  }

  private ObjectNode currentTargets() throws IOException {
    JsonNode timestamp = StrictJson.parse(Files.readAllBytes(publisher.metadata("timestamp.json")));
    long snapshot =
        timestamp.get("signed").get("meta").get("snapshot.json").get("version").asLong();
    JsonNode snapshotFile =
        StrictJson.parse(Files.readAllBytes(publisher.metadata(snapshot + ".snapshot.json")));
    long targets =
        snapshotFile.get("signed").get("meta").get("targets.json").get("version").asLong();
    return signed(publisher.metadata(targets + ".targets.json"));
  }

  private TamperingFront front() throws IOException {
    TamperingFront front = TamperingFront.of(publisher);
    fronts.add(front);
    return front;
  }

  private byte[] sign(ObjectNode signed, String role) {
    return Metadata.sign(signed, keys(role));
  }

  /** The publisher's current private keys for {@code role}. */
  private List<Ed25519SigningKey> keys(String role) {
    try (Stream<Path> files = Files.list(publisher.keys().resolve(role))) {
      List<Ed25519SigningKey> keys = new ArrayList<>();
      for (Path f : files.filter(f -> f.toString().endsWith(".pem")).sorted().toList()) {
        keys.add(Ed25519SigningKey.fromPem(Files.readString(f), null));
      }
      assertFalse(keys.isEmpty(), "no key for " + role);
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A deep copy of the {@code signed} part of a metadata file. */
  private static ObjectNode signed(Path file) throws IOException {
    return (ObjectNode) StrictJson.parse(Files.readAllBytes(file)).get("signed").deepCopy();
  }

  private static long version(Path file) throws IOException {
    return signed(file).get("version").asLong();
  }
}
