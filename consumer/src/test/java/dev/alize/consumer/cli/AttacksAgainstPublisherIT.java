package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.consumer.cli.ConsumerSite.Run;
import dev.alize.consumer.cli.ConsumerSite.Trusted;
import dev.alize.consumer.fetch.TestIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on {@code consumer sync --once}, end to end: a real publisher serves its repository over
 * HTTPS, and a {@link TamperingFront} before it changes what the consumer receives, sometimes with
 * files signed by a copy of the publisher's own keys. Each attack must fail the sync with a line
 * naming the role and the reason, and leave what the consumer trusts as it was, but for metadata
 * verified before the attack showed, which TUF keeps (5.4.5, 5.5.7).
 *
 * <p>One repository, initialised with two timestamp keys, serves every test; a test that changes it
 * first syncs from it, so that the order of the tests does not matter.
 */
class AttacksAgainstPublisherIT {

  private static final String TIMESTAMP = "/metadata/timestamp.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger PATCH = new AtomicInteger();

  @TempDir static Path temp;
  private static LivePublisher publisher;

  private Path dir;
  private ConsumerSite site;
  private final List<TamperingFront> fronts = new ArrayList<>();

  @BeforeAll
  static void publish() throws Exception {
    publisher = LivePublisher.init(temp.resolve("publisher"), "--threshold", "timestamp=2");
    publisher.release("eole", "1.0.0", "stable");
    publisher.release("acme-monitoring", "1.0.0", "stable");
    publisher.serve();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (publisher != null) {
      publisher.close();
    }
  }

  @BeforeEach
  void site(TestInfo test) {
    dir = temp.resolve(test.getTestMethod().orElseThrow().getName());
    site = new ConsumerSite(dir.resolve("site"), publisher);
  }

  @AfterEach
  void closeFronts() {
    fronts.forEach(TamperingFront::close);
  }

  @Test
  void archiveOfOtherBytes_isRefusedByItsSignedHashAndLength() throws Exception {
    // Following acme only first: eole's archive is then fetched with the metadata unchanged.
    syncFromThePublisher("datasources: [acme-monitoring]");
    String archive = targetUrlPath("eole", "1.0.0");
    TamperingFront front = front();
    Path config = site.config("front.yml", front.settings());

    front.tamper(
        archive,
        honest -> {
          byte[] changed = honest.clone();
          changed[changed.length / 2] ^= 1;
          return changed;
        });
    assertRefused(config, "eole/eole-1.0.0.tar.gz: sha256 is ", ", the signed hash is ");

    front.tamper(archive, honest -> Arrays.copyOf(honest, honest.length - 1));
    assertRefused(config, "eole/eole-1.0.0.tar.gz: length is ", ", the signed length is ");

    try (Stream<Path> cached = Files.list(site.repositoryDir().resolve("targets"))) {
      assertTrue(
          cached.noneMatch(f -> f.getFileName().toString().startsWith("eole")),
          "no refused archive is kept");
    }
  }

  @Test
  void timestampOfAnotherRepository_hasNoValidSignature() throws Exception {
    syncFromThePublisher();
    LivePublisher stranger = LivePublisher.init(dir.resolve("stranger"));
    TamperingFront front =
        front().serve(TIMESTAMP, Files.readAllBytes(stranger.metadata("timestamp.json")));

    assertRefused(
        site.config("front.yml", front.settings()),
        "timestamp: 0 valid signature(s) from root's keys for timestamp, 2 required");
  }

  @Test
  void timestampWithOneOfItsTwoSignatures_isBelowTheThreshold() throws Exception {
    syncFromThePublisher();
    TamperingFront front =
        front().tamper(TIMESTAMP, honest -> signatures(honest, s -> s.remove(1)));

    assertRefused(
        site.config("front.yml", front.settings()),
        "timestamp: 1 valid signature(s) from root's keys for timestamp, 2 required");
  }

  @Test
  void oneSignatureRepeated_doesNotReachTheThreshold() throws Exception {
    syncFromThePublisher();
    TamperingFront front = front();
    Path config = site.config("front.yml", front.settings());

    front.tamper(TIMESTAMP, honest -> signatures(honest, s -> s.set(1, s.get(0).deepCopy())));
    assertRefused(config, "timestamp: malformed metadata: ", " signed twice");

    front.tamper(
        TIMESTAMP,
        honest -> signatures(honest, s -> ((ObjectNode) s.get(1)).set("sig", s.get(0).get("sig"))));
    assertRefused(
        config, "timestamp: 1 valid signature(s) from root's keys for timestamp, 2 required");
  }

  @Test
  void olderTimestamp_isARollback() throws Exception {
    byte[] old = Files.readAllBytes(publisher.metadata("timestamp.json"));
    advance();
    syncFromThePublisher();
    TamperingFront front = front().serve(TIMESTAMP, old);

    assertRefused(
        site.config("front.yml", front.settings()),
        "timestamp: rollback of timestamp: expected "
            + version(publisher.metadata("timestamp.json"))
            + ", found "
            + version(old));
  }

  @Test
  void newerTimestampOfAnOlderSnapshot_isARollback() throws Exception {
    LivePublisher fork = publisher.fork(dir.resolve("fork"));
    advance();
    syncFromThePublisher();
    // With the timestamp keys, two timestamps above the publisher's, of the old snapshot.
    resign(fork, "timestamp", "PT72H", "PT168H");
    byte[] forged = Files.readAllBytes(fork.metadata("timestamp.json"));
    TamperingFront front = front().serve(TIMESTAMP, forged);

    assertRefused(
        site.config("front.yml", front.settings()),
        "timestamp: rollback of snapshot: expected "
            + snapshotVersion(Files.readAllBytes(publisher.metadata("timestamp.json")))
            + ", found "
            + snapshotVersion(forged));
  }

  @Test
  void newerSnapshotOfOlderTargets_isARollback() throws Exception {
    LivePublisher fork = publisher.fork(dir.resolve("fork"));
    advance();
    syncFromThePublisher();
    // With the snapshot and timestamp keys, two snapshots above the publisher's, of the old
    // targets.
    resign(fork, "snapshot", "PT360H", "PT744H");
    byte[] timestamp = Files.readAllBytes(fork.metadata("timestamp.json"));
    String snapshot = snapshotVersion(timestamp) + ".snapshot.json";
    TamperingFront front =
        front()
            .serve(TIMESTAMP, timestamp)
            .serve("/metadata/" + snapshot, Files.readAllBytes(fork.metadata(snapshot)));
    Trusted before = site.trusted();

    assertFailed(
        site.config("front.yml", front.settings()),
        "snapshot: rollback of targets.json: expected "
            + targetsVersion(publisher)
            + ", found "
            + targetsVersion(fork));

    // The timestamp verified before the snapshot is kept, as TUF 5.4.5 says; nothing after it.
    assertUnchangedBut(before, "timestamp.json");
    assertArrayEquals(timestamp, Files.readAllBytes(site.metadata("timestamp")));
  }

  @Test
  void expiredTimestamp_isRefusedAsAFreeze() throws Exception {
    syncFromThePublisher();
    LivePublisher fork = publisher.fork(dir.resolve("fork"));
    fork.expiry("timestamp", "PT1S");
    fork.edit("deprecate", "acme-monitoring", "1.0.0", "--reason", "signed for one second");
    byte[] frozen = Files.readAllBytes(fork.metadata("timestamp.json"));
    Instant expires = Instant.parse(signed(frozen).get("expires").asText());
    while (!Instant.now().isAfter(expires)) {
      Thread.sleep(50);
    }
    TamperingFront front = front().serve(TIMESTAMP, frozen);

    assertRefused(
        site.config("front.yml", front.settings()),
        "timestamp: version " + version(frozen) + " expired at " + expires);
  }

  @Test
  void endlessTimestamp_isCutAtItsCap() throws Exception {
    syncFromThePublisher();
    TamperingFront front = front().endless(TIMESTAMP);
    long start = System.nanoTime();

    assertRefused(
        site.config("front.yml", front.settings()),
        "/metadata/timestamp.json: more than the 16384 bytes allowed");
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "refused quickly");
  }

  @Test
  void olderTargetsUnderTheNewName_isAMixAndMatch() throws Exception {
    syncFromThePublisher();
    long old = targetsVersion(publisher);
    byte[] oldTargets = Files.readAllBytes(publisher.metadata(old + ".targets.json"));
    advance();
    long now = targetsVersion(publisher);
    TamperingFront front = front().serve("/metadata/" + now + ".targets.json", oldTargets);
    Trusted before = site.trusted();

    assertFailed(
        site.config("front.yml", front.settings()),
        "targets: version listed in snapshot: expected " + now + ", found " + old);

    // Timestamp and snapshot verified before targets are kept (TUF 5.4.5, 5.5.7): the publisher's.
    assertUnchangedBut(before, "timestamp.json", "snapshot.json");
    byte[] timestamp = Files.readAllBytes(publisher.metadata("timestamp.json"));
    assertArrayEquals(timestamp, Files.readAllBytes(site.metadata("timestamp")));
    assertArrayEquals(
        Files.readAllBytes(publisher.metadata(snapshotVersion(timestamp) + ".snapshot.json")),
        Files.readAllBytes(site.metadata("snapshot")));
  }

  @Test
  void rootAndTimestampKeyRotations_areFollowed() throws Exception {
    syncFromThePublisher();
    publisher.edit("rotate-key", "root");
    publisher.edit("rotate-key", "root");
    publisher.edit("rotate-key", "timestamp");

    Run run = site.sync(site.direct());

    assertEquals(0, run.exit(), () -> run.out() + run.err());
    assertEquals(
        List.of(
            "upstream/acme-monitoring: up to date at 1.0.0", "upstream/eole: up to date at 1.0.0"),
        run.out());
    assertArrayEquals(
        Files.readAllBytes(publisher.metadata("root.json")),
        Files.readAllBytes(site.metadata("root")));
    assertArrayEquals(
        Files.readAllBytes(publisher.metadata("timestamp.json")),
        Files.readAllBytes(site.metadata("timestamp")));
  }

  @Test
  void plainHttpWithoutAllowPlainHttp_isAConfigurationErrorAndFetchesNothing() throws Exception {
    syncFromThePublisher();
    TamperingFront front = front();
    Trusted before = site.trusted();

    Run asUrl = site.sync(site.config("plain.yml", "url: " + front.url()));
    Run asMirror =
        site.sync(
            site.config(
                "plain-mirror.yml",
                "url: " + publisher.url(),
                "tls-certificate: " + publisher.certificate(),
                "mirrors: [\"" + front.url() + "\"]"));

    assertEquals(1, asUrl.exit());
    assertEquals(List.of(), asUrl.out());
    assertTrue(
        asUrl
            .err()
            .startsWith(
                "configuration error: alize.consumer.repositories.upstream.url: '"
                    + front.url()
                    + "' is plain HTTP; use https, or set allow-plain-http: true"),
        asUrl.err());
    assertEquals(1, asMirror.exit());
    assertEquals(List.of(), asMirror.out());
    assertTrue(
        asMirror
            .err()
            .startsWith(
                "configuration error: alize.consumer.repositories.upstream.mirrors: '"
                    + front.url()
                    + "' is plain HTTP"),
        asMirror.err());
    assertEquals(0, front.requests(), "nothing fetched");
    assertEquals(before, site.trusted());
  }

  @Test
  void serverCertificateOtherThanThePinnedOne_failsTheHandshake() throws Exception {
    syncFromThePublisher();
    Path other = dir.resolve("other.crt.pem");
    Files.writeString(other, TestIdentity.selfSigned().certificatePem());

    assertRefused(
        site.config("other.yml", "url: " + publisher.url(), "tls-certificate: " + other),
        "TLS handshake failed: the server's certificate (",
        "is not trusted: it is not the certificate pinned in " + other);
  }

  /** A first sync straight from the publisher, over HTTPS, which must succeed. */
  private void syncFromThePublisher(String... settings) {
    Run run = site.sync(site.direct(settings));
    assertEquals(0, run.exit(), () -> run.out() + run.err());
  }

  /** A sync that fails as a whole, with one line holding every one of {@code reasons}. */
  private void assertFailed(Path config, String... reasons) {
    Run run = site.sync(config);
    assertEquals(1, run.exit(), () -> run.out() + run.err());
    assertEquals(1, run.out().size(), run.out()::toString);
    String line = run.out().get(0);
    assertTrue(line.startsWith("upstream: failed: "), line);
    for (String reason : reasons) {
      assertTrue(line.contains(reason), () -> "'" + reason + "' expected in: " + line);
    }
  }

  /** As {@link #assertFailed}, and what the consumer trusts is exactly as before. */
  private void assertRefused(Path config, String... reasons) {
    Trusted before = site.trusted();
    assertFailed(config, reasons);
    assertEquals(before, site.trusted(), "nothing the attack served is trusted");
  }

  private void assertUnchangedBut(Trusted before, String... changed) {
    Trusted after = site.trusted();
    assertEquals(before.installed(), after.installed());
    assertEquals(before.metadata().keySet(), after.metadata().keySet());
    for (String file : before.metadata().keySet()) {
      if (!List.of(changed).contains(file)) {
        assertEquals(before.metadata().get(file), after.metadata().get(file), file);
      }
    }
  }

  private TamperingFront front() throws IOException {
    TamperingFront front = TamperingFront.of(publisher);
    fronts.add(front);
    return front;
  }

  /** A new release that stable consumers do not take: new targets, snapshot and timestamp. */
  private static void advance() {
    publisher.release("acme-monitoring", "1.0." + PATCH.incrementAndGet(), "testing");
  }

  /** Re-signs {@code role} (and the roles above it) in {@code fork} once per period given. */
  private static void resign(LivePublisher fork, String role, String... periods) {
    for (String period : periods) {
      fork.expiry(role, period);
      assertTrue(fork.edit("refresh").contains(role), "refresh re-signed " + role);
    }
  }

  /** The URL path of the archive the publisher serves for a release. */
  private static String targetUrlPath(String datasource, String version) throws IOException {
    String suffix = "." + datasource + "-" + version + ".tar.gz";
    try (Stream<Path> files = Files.list(publisher.repo().resolve("targets").resolve(datasource))) {
      String name =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(suffix))
              .findFirst()
              .orElseThrow();
      return "/targets/" + datasource + "/" + name;
    }
  }

  private static byte[] signatures(byte[] metadata, Consumer<ArrayNode> change) {
    try {
      ObjectNode file = (ObjectNode) JSON.readTree(metadata);
      change.accept((ArrayNode) file.get("signatures"));
      return JSON.writeValueAsBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode signed(byte[] metadata) throws IOException {
    return JSON.readTree(metadata).get("signed");
  }

  private static long version(byte[] metadata) throws IOException {
    return signed(metadata).get("version").asLong();
  }

  private static long version(Path metadata) throws IOException {
    return version(Files.readAllBytes(metadata));
  }

  private static long snapshotVersion(byte[] timestamp) throws IOException {
    return signed(timestamp).path("meta").path("snapshot.json").path("version").asLong();
  }

  /** The targets version that a repository's current snapshot names. */
  private static long targetsVersion(LivePublisher repository) throws IOException {
    long snapshot = snapshotVersion(Files.readAllBytes(repository.metadata("timestamp.json")));
    byte[] bytes = Files.readAllBytes(repository.metadata(snapshot + ".snapshot.json"));
    return signed(bytes).path("meta").path("targets.json").path("version").asLong();
  }
}
