package dev.alize.publisher.repository;

import static dev.alize.publisher.cli.SampleDatasources.ACME;
import static dev.alize.publisher.cli.SampleDatasources.EOLE;
import static dev.alize.publisher.cli.SampleDatasources.EOLE_NEXT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alize.common.archive.ArchiveLimits;
import dev.alize.common.archive.DeterministicArchive;
import dev.alize.common.codec.Hashes;
import dev.alize.common.datasource.DirectorySourceTree;
import dev.alize.common.datasource.InvalidDatasourceException;
import dev.alize.common.error.Problem;
import dev.alize.common.release.Channel;
import dev.alize.common.release.Classification;
import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.release.RolloutPlan;
import dev.alize.common.testing.MutableClock;
import dev.alize.common.tuf.RoleKeys;
import dev.alize.common.tuf.RootMetadata;
import dev.alize.common.tuf.SignatureEntry;
import dev.alize.common.tuf.TargetFile;
import dev.alize.common.version.Bump;
import dev.alize.common.version.SemanticVersion;
import dev.alize.publisher.cli.SampleDatasources;
import dev.alize.publisher.keys.KeyDirectory;
import dev.alize.publisher.repository.MetadataChain.Chain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryEditorTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:30:00Z");
  private static final String ACTOR = "alice";
  private static final Set<String> FIRST_FILES =
      Set.of("1.root.json", "root.json", "1.targets.json", "1.snapshot.json", "timestamp.json");

  @TempDir Path temp;

  private Path repo;
  private Path keyDir;
  private MutableClock clock;
  private KeyDirectory keys;

  @BeforeEach
  void setUp() {
    repo = temp.resolve("repo");
    keyDir = temp.resolve("keys");
    clock = new MutableClock(T0);
    keys = new KeyDirectory(keyDir, null);
  }

  private Map<String, List<String>> init() {
    return init(keys, Map.of());
  }

  private Map<String, List<String>> init(KeyDirectory with, Map<String, Integer> thresholds) {
    return RepositoryInitializer.init(
        repo, with, RepositorySettings.DEFAULT, thresholds, ACTOR, clock);
  }

  private RepositoryEditor editor() {
    return new RepositoryEditor(repo, keys, clock);
  }

  private static ReleaseRequest request(
      Path dir, String version, Channel channel, String forceReason) {
    return new ReleaseRequest(
        new DirectorySourceTree(dir),
        SemanticVersion.parse(version),
        channel,
        Classification.STANDARD,
        null,
        forceReason,
        null,
        ACTOR);
  }

  /** eole 1.0.0, released to stable with the rollout plan {@code plan}. */
  private static ReleaseRequest planned(String plan) {
    return new ReleaseRequest(
        new DirectorySourceTree(EOLE),
        v("1.0.0"),
        Channel.STABLE,
        Classification.STANDARD,
        null,
        null,
        plan,
        ACTOR);
  }

  private ReleaseResult release(Path dir, String version) {
    return editor().release(request(dir, version, Channel.TESTING, null));
  }

  private SortedMap<String, String> files() {
    return RepositoryFiles.contents(repo);
  }

  private List<AuditEntry> audit() {
    return new AuditLog(repo.resolve("audit.log")).read();
  }

  private AuditEntry lastAudit() {
    List<AuditEntry> entries = audit();
    return entries.get(entries.size() - 1);
  }

  private static Map<String, Long> versions(long root, long targets, long snapshot, long ts) {
    Map<String, Long> v = new LinkedHashMap<>();
    v.put("root", root);
    v.put("targets", targets);
    v.put("snapshot", snapshot);
    v.put("timestamp", ts);
    return v;
  }

  private static SemanticVersion v(String text) {
    return SemanticVersion.parse(text);
  }

  private static String eolePath(String version) {
    return ReleaseFacts.targetPath("eole", v(version));
  }

  private Path archiveOf(Chain chain, String targetPath) {
    return repo.resolve("targets")
        .resolve(targetPath.substring(0, targetPath.indexOf('/')))
        .resolve(
            chain.target(targetPath).hashes().get("sha256")
                + "."
                + targetPath.substring(targetPath.indexOf('/') + 1));
  }

  /** The models of a datasource folder, as {@code RELEASE/MODEL}, sorted. */
  private static List<String> modelsOf(Path datasource) throws IOException {
    try (Stream<Path> files = Files.walk(datasource.resolve("servermodels"))) {
      return files
          .filter(Files::isRegularFile)
          .map(
              f ->
                  f.getParent().getFileName()
                      + "/"
                      + f.getFileName().toString().replace(".yaml", ""))
          .sorted()
          .toList();
    }
  }

  private static List<String> sorted(List<String> list) {
    return list.stream().sorted().toList();
  }

  // init

  @Test
  void init_writesVersionOneOfEveryRoleWithConsistentSnapshots() throws IOException {
    init();
    try (Stream<Path> files = Files.list(repo.resolve("metadata"))) {
      assertEquals(
          FIRST_FILES,
          new TreeSet<>(files.map(f -> f.getFileName().toString()).toList()),
          "metadata files");
    }
    Chain chain = MetadataChain.verify(repo, T0);
    assertEquals(List.of(1L, 1L, 1L, 1L), chain.versions());
    assertTrue(chain.rootSigned().consistentSnapshot());
    assertTrue(chain.targets().signed().targets().isEmpty());
    assertEquals(
        List.of(
            new AuditEntry(T0, ACTOR, "init", null, null, null, Map.of(), versions(1, 1, 1, 1))),
        audit());
  }

  @Test
  void init_defaultExpiry_isAYearAQuarterAWeekAndADay() {
    init();
    Chain chain = MetadataChain.verify(repo);
    assertEquals(T0.plus(Duration.ofDays(365)), chain.rootSigned().expires());
    assertEquals(T0.plus(Duration.ofDays(90)), chain.targets().signed().expires());
    assertEquals(T0.plus(Duration.ofDays(7)), chain.snapshot().signed().expires());
    assertEquals(T0.plus(Duration.ofDays(1)), chain.timestamp().signed().expires());
  }

  @Test
  void init_customExpiry_isUsedNowAndByLaterChanges() {
    RepositorySettings settings =
        RepositorySettings.DEFAULT
            .with("root", Duration.ofDays(30))
            .with("targets", Duration.ofDays(10))
            .with("snapshot", Duration.ofHours(48))
            .with("timestamp", Duration.ofHours(6));
    RepositoryInitializer.init(repo, keys, settings, Map.of(), ACTOR, clock);
    Chain chain = MetadataChain.verify(repo);
    assertEquals(T0.plus(Duration.ofDays(30)), chain.rootSigned().expires());
    assertEquals(T0.plus(Duration.ofDays(10)), chain.targets().signed().expires());
    assertEquals(T0.plus(Duration.ofHours(48)), chain.snapshot().signed().expires());
    assertEquals(T0.plus(Duration.ofHours(6)), chain.timestamp().signed().expires());

    clock.advance(Duration.ofHours(1));
    release(ACME, "1.0.0");
    Chain after = MetadataChain.verify(repo);
    Instant now = T0.plus(Duration.ofHours(1));
    assertEquals(now.plus(Duration.ofDays(10)), after.targets().signed().expires());
    assertEquals(now.plus(Duration.ofHours(48)), after.snapshot().signed().expires());
    assertEquals(now.plus(Duration.ofHours(6)), after.timestamp().signed().expires());
  }

  @Test
  void init_keyFiles_areReadableByTheirOwnerOnly() throws IOException {
    Map<String, List<String>> ids = init();
    assertEquals(List.of("root", "targets", "snapshot", "timestamp"), List.copyOf(ids.keySet()));
    RootMetadata root = MetadataChain.verify(repo).rootSigned();
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyDir)));
    for (Map.Entry<String, List<String>> role : ids.entrySet()) {
      Path dir = keyDir.resolve(role.getKey());
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
      assertEquals(root.role(role.getKey()).keyIds(), role.getValue());
      assertEquals(1, role.getValue().size());
      Path file = dir.resolve(role.getValue().get(0) + ".pem");
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
          file::toString);
      assertTrue(Files.readString(file).startsWith("-----BEGIN PRIVATE KEY-----"), file::toString);
    }
  }

  @Test
  void init_thresholdRootTwo_makesTwoRootKeysAndRequiresBoth() {
    Map<String, List<String>> ids = init(keys, Map.of("root", 2));
    assertEquals(2, ids.get("root").size());
    Chain chain = MetadataChain.verify(repo);
    RoleKeys root = chain.rootSigned().role("root");
    assertEquals(2, root.threshold());
    assertEquals(ids.get("root"), root.keyIds());
    assertEquals(2, chain.root().validSignatures(root, chain.rootSigned().keys()));
    assertEquals(1, chain.rootSigned().role("targets").threshold());
  }

  @Test
  void init_onAnExistingRepository_isRefused() {
    init();
    SortedMap<String, String> before = files();
    KeyDirectory otherKeys = new KeyDirectory(temp.resolve("other-keys"), null);
    PublishException e = assertThrows(PublishException.class, () -> init(otherKeys, Map.of()));
    assertEquals(repo + " is already a repository", e.getMessage());
    assertEquals(before, files());
    assertFalse(Files.exists(temp.resolve("other-keys")), "no key was made");
  }

  @Test
  void init_withAKeyFolderThatHoldsKeys_isRefused() {
    init();
    Path other = temp.resolve("other");
    PublishException e =
        assertThrows(
            PublishException.class,
            () ->
                RepositoryInitializer.init(
                    other, keys, RepositorySettings.DEFAULT, Map.of(), ACTOR, clock));
    assertEquals(
        keyDir + " already holds keys for root: give init an empty key folder", e.getMessage());
    assertFalse(Files.exists(other));
  }

  @Test
  void init_withAZeroThreshold_isRefusedBeforeMakingKeys() {
    PublishException e =
        assertThrows(PublishException.class, () -> init(keys, Map.of("targets", 0)));
    assertEquals("invalid threshold targets=0: use ROLE=N with N >= 1", e.getMessage());
    assertFalse(Files.exists(keyDir));
    assertFalse(Files.exists(repo));
  }

  @Test
  void init_afterAnInitKilledBeforeItsRepository_clearsItsKeysAndSucceeds() throws IOException {
    // What an init killed part-way leaves: keys beside its mark, and its half-built folder.
    String killedKey = keys.generate("root").keyId();
    Files.writeString(keyDir.resolve(".init-unfinished"), repo.toString());
    Files.createDirectories(keyDir.resolve("tls"));
    Files.writeString(keyDir.resolve("tls/server.crt"), "half");
    Files.createDirectories(temp.resolve(".repo.init/metadata"));
    Files.writeString(temp.resolve(".repo.init/metadata/1.root.json"), "{");

    Map<String, List<String>> ids = init();

    assertEquals(ids.get("root"), MetadataChain.verify(repo).rootSigned().role("root").keyIds());
    assertFalse(Files.exists(keyDir.resolve("root/" + killedKey + ".pem")));
    assertFalse(Files.exists(keyDir.resolve("tls")));
    assertFalse(Files.exists(keyDir.resolve(".init-unfinished")));
    assertFalse(Files.exists(temp.resolve(".repo.init")));
  }

  @Test
  void init_afterAnInitKilledWritingItsMark_succeedsAndLeavesNoTemporaryFile() throws IOException {
    Files.createDirectories(keyDir);
    Path partial = keyDir.resolve("..init-unfinished4711.tmp");
    Files.writeString(partial, "/srv/al");

    init();

    assertFalse(Files.exists(partial));
    MetadataChain.verify(repo);
  }

  @Test
  void init_intoAFolderThatHoldsOtherFiles_isRefusedBeforeMakingKeys() throws IOException {
    Files.createDirectories(repo);
    Files.writeString(repo.resolve("notes.txt"), "mine");
    PublishException e = assertThrows(PublishException.class, this::init);
    assertEquals(
        repo + " is not empty: give init a new or empty folder for the repository", e.getMessage());
    assertFalse(Files.exists(keyDir));
  }

  @Test
  void init_intoAnEmptyFolder_makesTheRepositoryThere() throws IOException {
    Files.createDirectories(repo);
    init();
    assertEquals(List.of(1L, 1L, 1L, 1L), MetadataChain.verify(repo).versions());
  }

  // what a killed change leaves, cleared by the next one

  @Test
  void promote_afterWritesKilledBeforeTheirRename_removesTheirTemporaryFiles() throws IOException {
    init();
    release(EOLE, "1.0.0");
    List<Path> killed =
        List.of(
            repo.resolve(".audit.log.pending4711.tmp"),
            repo.resolve("metadata/.timestamp.json4711.tmp"),
            repo.resolve("targets/eole/.0abc.eole-1.0.1.tar.gz4711.tmp"),
            keyDir.resolve("targets/.0abc.pem4711.tmp"));
    for (Path file : killed) {
      Files.writeString(file, "partial");
    }

    editor().promote("eole", v("1.0.0"), Channel.STABLE, null, ACTOR);

    for (Path file : killed) {
      assertFalse(Files.exists(file), file::toString);
    }
    MetadataChain.verify(repo);
  }

  @Test
  void promote_afterARotationKilledAroundItsNewRoot_retiresTheKeysRootDoesNotList() {
    init();
    release(EOLE, "1.0.0");
    // The new key of a rotation killed before its root, or the old one of a rotation killed after.
    String unlisted = keys.generate("targets").keyId();

    editor().promote("eole", v("1.0.0"), Channel.STABLE, null, ACTOR);

    assertFalse(Files.exists(keyDir.resolve("targets/" + unlisted + ".pem")));
    assertTrue(Files.isRegularFile(keyDir.resolve("targets/retired/" + unlisted + ".pem")));
    MetadataChain.verify(repo);
  }

  @Test
  void refresh_afterARotationKilledBeforeItsRootCopy_writesRootJsonAgain() throws IOException {
    init();
    editor().rotateKey("root", ACTOR);
    // Killed between 2.root.json and its copy: root.json is still version 1.
    Files.copy(
        repo.resolve("metadata/1.root.json"),
        repo.resolve("metadata/root.json"),
        StandardCopyOption.REPLACE_EXISTING);

    editor().refresh();

    assertEquals(2, MetadataChain.verify(repo).rootSigned().version());
  }

  /** States the audit entry of a promote about to take effect, as one killed after leaves it. */
  private AuditEntry statePromote(Map<String, Long> before, Map<String, Long> after) {
    AuditEntry stated =
        new AuditEntry(T0, "bob", "promote", "eole", "1.0.0", "to stable", before, after);
    new AuditLog(repo.resolve("audit.log")).intend(stated);
    return stated;
  }

  @Test
  void refresh_afterAChangeKilledOnceItTookEffect_recordsItsAuditEntry() {
    init();
    release(EOLE, "1.0.0");
    // A promote killed between its switch-over and its audit entry: the versions it names are
    // served.
    AuditEntry stated = statePromote(versions(1, 1, 1, 1), versions(1, 2, 2, 2));

    editor().refresh();

    assertEquals(stated, lastAudit());
    assertEquals(3, audit().size());
    assertFalse(Files.exists(repo.resolve("audit.log.pending")));
  }

  @Test
  void refresh_afterAChangeKilledOnceItWasRecorded_recordsItOnce() {
    init();
    release(EOLE, "1.0.0");
    AuditEntry stated = lastAudit();
    new AuditLog(repo.resolve("audit.log")).intend(stated);

    editor().refresh();

    assertEquals(2, audit().size());
    assertFalse(Files.exists(repo.resolve("audit.log.pending")));
  }

  @Test
  void refresh_afterAChangeKilledBeforeItTookEffect_forgetsItsAuditEntry() {
    init();
    release(EOLE, "1.0.0");
    AuditEntry stated = statePromote(versions(1, 2, 2, 2), versions(1, 3, 3, 3));

    editor().refresh();

    assertEquals("release", lastAudit().action());
    assertFalse(Files.exists(repo.resolve("audit.log.pending")));
  }

  // release

  @Test
  void release_first_publishesTheArchiveWithItsFacts() throws IOException {
    init();
    ReleaseRequest request =
        new ReleaseRequest(
            new DirectorySourceTree(EOLE),
            v("1.0.0"),
            Channel.STABLE,
            Classification.MAJOR,
            "First release.",
            null,
            null,
            ACTOR);
    ReleaseResult result = editor().release(request);

    Chain chain = MetadataChain.verify(repo, T0);
    assertEquals(List.of(1L, 2L, 2L, 2L), chain.versions());
    assertEquals(versions(1, 2, 2, 2), result.metadata());
    TargetFile target = chain.target("eole/eole-1.0.0.tar.gz");
    assertEquals(Set.of("sha256", "sha512"), target.hashes().keySet());

    JsonNode custom = target.custom();
    assertEquals("eole", custom.get("datasource").asText());
    assertEquals("1.0.0", custom.get("version").asText());
    assertEquals("stable", custom.get("channel").asText());
    assertEquals(T0.toString(), custom.get("released").asText());
    assertEquals("major", custom.get("classification").asText());
    assertEquals("First release.", custom.get("notes").asText());
    assertFalse(custom.has("deprecated"));
    JsonNode changes = custom.get("changes");
    assertFalse(changes.has("previous_version"));
    assertEquals("NONE", changes.get("bump").asText());
    List<String> added = new ArrayList<>();
    changes.get("models_added").forEach(m -> added.add(m.asText()));
    assertEquals(modelsOf(EOLE), sorted(added));
    assertEquals(18, added.size());
    assertEquals(0, changes.get("models_removed").size());
    assertEquals(0, changes.get("models_changed").size());
    assertEquals(18, changes.get("models_added_count").intValue());
    assertEquals(0, changes.get("models_removed_count").intValue());
    assertEquals(0, changes.get("models_changed_count").intValue());
    assertEquals(result.facts(), ReleaseFacts.fromJson(custom));

    byte[] archive = Files.readAllBytes(archiveOf(chain, "eole/eole-1.0.0.tar.gz"));
    assertArrayEquals(DeterministicArchive.write(new DirectorySourceTree(EOLE)), archive);
    assertEquals(archive.length, result.length());
    assertEquals(Hashes.sha256Hex(archive), result.hashes().get("sha256"));
    assertEquals(
        HexFormat.of().formatHex(Hashes.digest("SHA-512").digest(archive)),
        result.hashes().get("sha512"));
  }

  @Test
  void release_appendsAnAuditLineWithActorAndVersions() {
    init();
    clock.advance(Duration.ofMinutes(5));
    release(EOLE, "1.0.0");
    assertEquals(
        new AuditEntry(
            T0.plus(Duration.ofMinutes(5)),
            ACTOR,
            "release",
            "eole",
            "1.0.0",
            null,
            versions(1, 1, 1, 1),
            versions(1, 2, 2, 2)),
        lastAudit());
    assertEquals(2, audit().size());
  }

  @Test
  void release_notesWithLineBreaks_areServedAndReadBack() {
    init();
    String notes = "Fixes amon.\n\tSee the changelog.\r\nBell \u0007 too.";
    editor()
        .release(
            new ReleaseRequest(
                new DirectorySourceTree(ACME),
                v("1.0.0"),
                Channel.TESTING,
                Classification.STANDARD,
                notes,
                null,
                null,
                ACTOR));
    Chain chain = MetadataChain.verify(repo);
    assertEquals(notes, chain.facts("acme-monitoring/acme-monitoring-1.0.0.tar.gz").notes());
    // The audit log keeps them as published, control characters and line breaks included.
    assertEquals(notes, lastAudit().notes());
    editor().deprecate("acme-monitoring", v("1.0.0"), "broken\nupgrade", ACTOR);
    assertEquals(1, editor().view().releases().size());
    MetadataChain.verify(repo);
  }

  @Test
  void release_intoAFolderThatIsNoRepository_isRefusedAndLeavesItEmpty() throws IOException {
    Files.createDirectories(repo);
    PublishException e = assertThrows(PublishException.class, () -> release(ACME, "1.0.0"));
    assertEquals(
        repo + " is not a repository (no metadata/ folder): run 'publisher init' first",
        e.getMessage());
    try (Stream<Path> files = Files.list(repo)) {
      assertEquals(List.of(), files.toList());
    }
  }

  @Test
  void release_understatingAMajorChange_isRefusedAndChangesNothing() {
    init();
    release(EOLE, "1.0.0");
    SortedMap<String, String> before = files();
    PublishException e = assertThrows(PublishException.class, () -> release(EOLE_NEXT, "1.0.1"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "version 1.0.1 is a PATCH release, but the changes since 1.0.0 require a MAJOR"
                    + " bump ("),
        e::getMessage);
    assertTrue(e.getMessage().endsWith("): use 2.0.0, or --force-version REASON"), e::getMessage);
    assertEquals(before, files());
  }

  @Test
  void release_understatingAMinorChange_suggestsTheNextMinor() throws IOException {
    init();
    release(EOLE, "1.0.0");
    Path next = SampleDatasources.copy(EOLE, temp.resolve("eole-minor"));
    Files.copy(
        EOLE_NEXT.resolve("servermodels/2.9.0/zephir.yaml"),
        next.resolve("servermodels/2.9.0/zephir.yaml"));
    PublishException e = assertThrows(PublishException.class, () -> release(next, "1.0.1"));
    assertTrue(
        e.getMessage().contains("require a MINOR bump (+ model 2.9.0/zephir)"), e::getMessage);
    assertTrue(e.getMessage().endsWith("use 1.1.0, or --force-version REASON"), e::getMessage);
  }

  @Test
  void release_understatedButForced_isAcceptedAndTheReasonAudited() {
    init();
    release(EOLE, "1.0.0");
    ReleaseResult result =
        editor()
            .release(request(EOLE_NEXT, "1.0.1", Channel.TESTING, "agreed with every consumer"));
    assertEquals(Bump.MAJOR, result.facts().changes().bump());
    assertEquals("1.0.0", result.facts().changes().previousVersion());
    AuditEntry entry = lastAudit();
    assertEquals("release", entry.action());
    assertEquals("1.0.1", entry.version());
    assertEquals("version forced: agreed with every consumer", entry.reason());
    Chain chain = MetadataChain.verify(repo);
    assertEquals(result.facts(), chain.facts(eolePath("1.0.1")));
  }

  @Test
  void release_major_recordsTheChangesSinceThePrevious() {
    init();
    release(EOLE, "1.0.0");
    clock.advance(Duration.ofDays(1));
    release(EOLE_NEXT, "2.0.0");
    Chain chain = MetadataChain.verify(repo, clock.instant());
    assertEquals(List.of(1L, 3L, 3L, 3L), chain.versions());
    assertEquals(
        Set.of(eolePath("1.0.0"), eolePath("2.0.0")), chain.targets().signed().targets().keySet());
    ReleaseFacts facts = chain.facts(eolePath("2.0.0"));
    assertEquals("1.0.0", facts.changes().previousVersion());
    assertEquals(Bump.MAJOR, facts.changes().bump());
    assertEquals(List.of("2.9.0/zephir"), facts.changes().modelsAdded());
    assertEquals(List.of("2.9.0/eclair"), facts.changes().modelsRemoved());
    assertEquals(
        List.of("2.8.1/amonecole", "2.8.1/scribe", "2.9.0/amon", "2.9.0/amonecole", "2.9.0/scribe"),
        facts.changes().modelsChanged());
    assertEquals(T0.plus(Duration.ofDays(1)), facts.released());
    assertEquals(
        "1.0.0",
        chain.target(eolePath("2.0.0")).custom().get("changes").get("previous_version").asText());
  }

  @Test
  void release_moreThanAHundredModels_listsTheFirstHundredAndCountsThemAll() throws IOException {
    init();
    Path many = SampleDatasources.copy(EOLE, temp.resolve("eole-many"));
    String amon = Files.readString(EOLE.resolve("servermodels/2.9.0/amon.yaml"));
    List<String> names = new ArrayList<>();
    for (int i = 149; i >= 0; i--) {
      String name = String.format(Locale.ROOT, "many-%03d", i);
      names.add("2.9.0/" + name);
      Files.writeString(
          many.resolve("servermodels/2.9.0/" + name + ".yaml"),
          amon.replaceFirst("(?m)^name: amon$", "name: " + name));
    }
    List<String> all = modelsOf(many);
    ReleaseFacts first = release(many, "1.0.0").facts();
    assertEquals(168, first.changes().modelsAddedCount());
    assertEquals(all.subList(0, 100), first.changes().modelsAdded());

    for (String name : names) {
      Path model = many.resolve("servermodels/" + name + ".yaml");
      Files.writeString(
          model, Files.readString(model).replaceFirst("(?m)^title: .*$", "title: Changed"));
    }
    release(many, "1.0.1");

    Chain chain = MetadataChain.verify(repo);
    ReleaseFacts facts = chain.facts(eolePath("1.0.1"));
    assertEquals(Bump.PATCH, facts.changes().bump());
    assertEquals(sorted(names).subList(0, 100), facts.changes().modelsChanged());
    assertEquals(150, facts.changes().modelsChangedCount());
    assertEquals(List.of(), facts.changes().modelsAdded());
    assertEquals(0, facts.changes().modelsAddedCount());
    assertEquals(0, facts.changes().modelsRemovedCount());
    JsonNode changes = chain.target(eolePath("1.0.1")).custom().get("changes");
    assertEquals(100, changes.get("models_changed").size());
    assertEquals(150, changes.get("models_changed_count").intValue());
  }

  @Test
  void release_afterADamagedPreviousArchive_isRefusedAndChangesNothing() throws IOException {
    init();
    release(EOLE, "1.0.0");
    Path archive = archiveOf(MetadataChain.verify(repo), eolePath("1.0.0"));
    Files.write(archive, "not the archive".getBytes(StandardCharsets.UTF_8));
    SortedMap<String, String> before = files();

    PublishException e = assertThrows(PublishException.class, () -> release(EOLE_NEXT, "2.0.0"));

    assertEquals(
        archive + " does not match its hash in targets: the repository is damaged", e.getMessage());
    assertEquals(before, files());
  }

  @Test
  void release_aFileNoConsumerWouldRead_isRefusedAndChangesNothing() throws IOException {
    init();
    release(EOLE, "1.0.0");
    // READMEs, which validation never reads: one too large, one with a tab in its name.
    assertReleaseWithRefused(
        "README.md",
        new byte[(1 << 20) + 1],
        ": larger than the 1048576 bytes a consumer reads of one file of an archive");
    assertReleaseWithRefused(
        "README\tnotes",
        "notes".getBytes(StandardCharsets.UTF_8),
        ": a consumer refuses this name in an archive (entry 'README\tnotes': control"
            + " characters are not allowed in paths)");
  }

  /**
   * A release of eole with {@code file} added is refused as the request's fault, by a message that
   * names the file then says {@code why}; the repository is left as it was.
   */
  private void assertReleaseWithRefused(String file, byte[] content, String why)
      throws IOException {
    Path dir =
        SampleDatasources.copy(EOLE, Files.createTempDirectory(temp, "eole-").resolve("eole"));
    Files.write(dir.resolve(file), content);
    SortedMap<String, String> before = files();

    PublishException e = assertThrows(PublishException.class, () -> release(dir, "1.0.1"));

    assertEquals(PublishException.Kind.INVALID_REQUEST, e.kind());
    assertEquals(dir.resolve(file) + why, e.getMessage());
    assertEquals(before, files());
  }

  @Test
  void requireReadable_refusesATreeAConsumerWouldNotReadWithinItsLimits() throws IOException {
    Path dir = SampleDatasources.copy(EOLE, temp.resolve("eole-limits"));
    DirectorySourceTree tree = new DirectorySourceTree(dir);
    int files = tree.files().size();
    List<Long> sizes = new ArrayList<>();
    for (String path : tree.files()) {
      sizes.add(tree.size(path));
    }
    long largest = sizes.stream().mapToLong(Long::longValue).max().orElseThrow();
    long total = sizes.stream().mapToLong(Long::longValue).sum();

    RepositoryEditor.requireReadable(tree, new ArchiveLimits(files, largest, total));
    PublishException tooMany =
        assertThrows(
            PublishException.class,
            () ->
                RepositoryEditor.requireReadable(
                    tree, new ArchiveLimits(files - 1, largest, total)));
    PublishException tooLarge =
        assertThrows(
            PublishException.class,
            () ->
                RepositoryEditor.requireReadable(
                    tree, new ArchiveLimits(files, largest - 1, total)));
    PublishException tooMuch =
        assertThrows(
            PublishException.class,
            () ->
                RepositoryEditor.requireReadable(
                    tree, new ArchiveLimits(files, largest, total - 1)));

    assertEquals(
        "the datasource has "
            + files
            + " files, more than the "
            + (files - 1)
            + " a consumer reads from one archive",
        tooMany.getMessage());
    assertTrue(
        tooLarge
            .getMessage()
            .endsWith(
                ": larger than the "
                    + (largest - 1)
                    + " bytes a consumer"
                    + " reads of one file of an archive"),
        tooLarge.getMessage());
    assertEquals(
        "the datasource's files come to "
            + total
            + " bytes, more than the "
            + (total - 1)
            + " a consumer reads from one archive",
        tooMuch.getMessage());
    for (PublishException e : List.of(tooMany, tooLarge, tooMuch)) {
      assertEquals(PublishException.Kind.INVALID_REQUEST, e.kind());
    }
  }

  @Test
  void release_sameVersionAgain_isRefusedAndChangesNothing() {
    init();
    release(EOLE, "1.0.0");
    SortedMap<String, String> before = files();
    PublishException e = assertThrows(PublishException.class, () -> release(EOLE, "1.0.0"));
    assertEquals(
        "version 1.0.0 is not above 1.0.0, the last release of eole (a version is never reused,"
            + " even after a revoke): use 1.0.1 or above",
        e.getMessage());
    assertEquals(before, files());
  }

  @Test
  void release_lowerVersion_isRefusedAndChangesNothing() {
    init();
    release(EOLE, "1.0.0");
    SortedMap<String, String> before = files();
    PublishException e = assertThrows(PublishException.class, () -> release(EOLE, "0.9.0"));
    assertTrue(e.getMessage().startsWith("version 0.9.0 is not above 1.0.0,"), e::getMessage);
    assertEquals(before, files());
  }

  @Test
  void release_revokedVersion_isNeverReused() {
    init();
    release(EOLE, "1.0.0");
    release(EOLE_NEXT, "2.0.0");
    editor().revoke("eole", v("2.0.0"), "filter_port narrowed by mistake", ACTOR);
    SortedMap<String, String> before = files();
    PublishException e = assertThrows(PublishException.class, () -> release(EOLE_NEXT, "2.0.0"));
    assertTrue(e.getMessage().startsWith("version 2.0.0 is not above 2.0.0,"), e::getMessage);
    assertTrue(e.getMessage().contains("never reused, even after a revoke"), e::getMessage);
    assertEquals(before, files());
    release(EOLE_NEXT, "2.0.1");
    assertEquals(
        Set.of(eolePath("1.0.0"), eolePath("2.0.1")),
        MetadataChain.verify(repo).targets().signed().targets().keySet());
  }

  @Test
  void release_invalidDatasource_throwsEveryProblemAndChangesNothing() {
    init();
    release(EOLE, "1.0.0");
    Path dir = SampleDatasources.copy(EOLE, temp.resolve("eole-broken"));
    Path hapy = dir.resolve("servermodels/2.8.1/hapy.yaml");
    Path scribe = dir.resolve("servermodels/2.8.1/scribe.yaml");
    SampleDatasources.replace(hapy, "extends: eolebase", "extends: eole-base");
    SampleDatasources.replace(scribe, "fileshare_quota_mb: 2000", "fileshare_quota_mb: 2 GB");
    int[] extendsAt = SampleDatasources.positionOf(hapy, "eole-base");
    int[] quotaAt = SampleDatasources.positionOf(scribe, "2 GB");
    SortedMap<String, String> before = files();

    InvalidDatasourceException e =
        assertThrows(InvalidDatasourceException.class, () -> release(dir, "1.1.0"));
    assertEquals(
        List.of(
            new Problem(
                hapy.toString(),
                extendsAt[0],
                extendsAt[1],
                "model 'hapy' extends 'eole-base', which is not a model of release 2.8.1"),
            new Problem(
                scribe.toString(),
                quotaAt[0],
                quotaAt[1],
                "value of 'fileshare_quota_mb': expected an integer written in decimal,"
                    + " found '2 GB'")),
        e.problems());
    assertEquals(before, files());
  }

  @Test
  void release_withoutTheSnapshotKey_isRefusedAndChangesNothing() throws IOException {
    Map<String, List<String>> ids = init();
    release(ACME, "1.0.0");
    Files.delete(keyDir.resolve("snapshot").resolve(ids.get("snapshot").get(0) + ".pem"));
    SortedMap<String, String> before = files();
    PublishException e = assertThrows(PublishException.class, () -> release(EOLE, "1.0.0"));
    assertEquals(
        "role snapshot needs 1 signature(s) but "
            + keyDir.resolve("snapshot")
            + " holds 0 of its keys",
        e.getMessage());
    assertEquals(before, files());
    MetadataChain.verify(repo);
  }

  @Test
  void release_withoutTheTimestampKey_isRefusedAndChangesNothing() throws IOException {
    Map<String, List<String>> ids = init();
    Files.delete(keyDir.resolve("timestamp").resolve(ids.get("timestamp").get(0) + ".pem"));
    SortedMap<String, String> before = files();
    PublishException e = assertThrows(PublishException.class, () -> release(EOLE, "1.0.0"));
    assertTrue(e.getMessage().startsWith("role timestamp needs 1 signature(s)"), e::getMessage);
    assertEquals(before, files());
    MetadataChain.verify(repo);
  }

  @Test
  void release_withTheWrongPassphrase_isRefusedAndChangesNothing() throws IOException {
    KeyDirectory encrypted = new KeyDirectory(keyDir, "correct horse".toCharArray());
    Map<String, List<String>> ids = init(encrypted, Map.of());
    for (Map.Entry<String, List<String>> role : ids.entrySet()) {
      Path file = keyDir.resolve(role.getKey()).resolve(role.getValue().get(0) + ".pem");
      assertTrue(
          Files.readString(file).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"),
          file::toString);
    }
    SortedMap<String, String> before = files();
    KeyDirectory wrong = new KeyDirectory(keyDir, "battery staple".toCharArray());
    PublishException e =
        assertThrows(
            PublishException.class,
            () ->
                new RepositoryEditor(repo, wrong, clock)
                    .release(request(ACME, "1.0.0", Channel.TESTING, null)));
    assertTrue(e.getMessage().contains("wrong passphrase"), e::getMessage);
    assertEquals(before, files());

    new RepositoryEditor(repo, encrypted, clock)
        .release(request(ACME, "1.0.0", Channel.TESTING, null));
    MetadataChain.verify(repo);
  }

  @Test
  void release_encryptedKeysWithoutAPassphrase_isRefusedAndChangesNothing() {
    init(new KeyDirectory(keyDir, "correct horse".toCharArray()), Map.of());
    SortedMap<String, String> before = files();
    PublishException e = assertThrows(PublishException.class, () -> release(ACME, "1.0.0"));
    assertTrue(
        e.getMessage().endsWith("the key is encrypted: set ALIZE_KEY_PASSPHRASE"), e::getMessage);
    assertEquals(before, files());
  }

  // promote, deprecate, revoke

  @Test
  void promote_movesTestingToStagedToStable() {
    init();
    release(EOLE, "1.0.0");
    String archive =
        Hashes.sha256Hex(
            MetadataChain.read(archiveOf(MetadataChain.verify(repo), eolePath("1.0.0"))));

    ReleaseFacts staged = editor().promote("eole", v("1.0.0"), Channel.STAGED, null, "bob");
    assertEquals(Channel.STAGED, staged.channel());
    Chain chain = MetadataChain.verify(repo);
    assertEquals(List.of(1L, 3L, 3L, 3L), chain.versions());
    assertEquals(staged, chain.facts(eolePath("1.0.0")));
    assertEquals(
        new AuditEntry(
            T0,
            "bob",
            "promote",
            "eole",
            "1.0.0",
            "to staged",
            versions(1, 2, 2, 2),
            versions(1, 3, 3, 3)),
        lastAudit());

    ReleaseFacts stable = editor().promote("eole", v("1.0.0"), Channel.STABLE, null, "bob");
    chain = MetadataChain.verify(repo);
    assertEquals(Channel.STABLE, chain.facts(eolePath("1.0.0")).channel());
    assertEquals(stable, chain.facts(eolePath("1.0.0")));
    assertEquals(List.of(1L, 4L, 4L, 4L), chain.versions());
    assertEquals("to stable", lastAudit().reason());
    assertEquals(archive, chain.target(eolePath("1.0.0")).hashes().get("sha256"));
  }

  @Test
  void promote_backwards_isRefusedAndChangesNothing() {
    init();
    editor().release(request(EOLE, "1.0.0", Channel.STABLE, null));
    SortedMap<String, String> before = files();
    PublishException e =
        assertThrows(
            PublishException.class,
            () -> editor().promote("eole", v("1.0.0"), Channel.STAGED, null, ACTOR));
    assertEquals(
        "eole 1.0.0 is already in stable: promotion only moves to a more trusted channel"
            + " (testing, staged, stable)",
        e.getMessage());
    assertEquals(before, files());
  }

  @ParameterizedTest
  @ValueSource(strings = {"testing", "staged", "stable"})
  void promote_toTheSameChannel_isRefusedAndChangesNothing(String channel) {
    init();
    Channel c = Channel.find(channel).orElseThrow();
    editor().release(request(EOLE, "1.0.0", c, null));
    SortedMap<String, String> before = files();
    PublishException e =
        assertThrows(
            PublishException.class, () -> editor().promote("eole", v("1.0.0"), c, null, ACTOR));
    assertTrue(e.getMessage().startsWith("eole 1.0.0 is already in " + channel), e::getMessage);
    assertEquals(before, files());
  }

  @Test
  void promote_deprecatedRelease_isRefused() {
    init();
    release(EOLE, "1.0.0");
    editor().deprecate("eole", v("1.0.0"), "superseded", ACTOR);
    SortedMap<String, String> before = files();
    PublishException e =
        assertThrows(
            PublishException.class,
            () -> editor().promote("eole", v("1.0.0"), Channel.STABLE, null, ACTOR));
    assertEquals("eole 1.0.0 is deprecated and cannot be promoted", e.getMessage());
    assertEquals(before, files());
  }

  @Test
  void promote_unknownRelease_isRefused() {
    init();
    release(EOLE, "1.0.0");
    SortedMap<String, String> before = files();
    PublishException e =
        assertThrows(
            PublishException.class,
            () -> editor().promote("eole", v("1.1.0"), Channel.STABLE, null, ACTOR));
    assertEquals("eole 1.1.0 is not released in this repository (or was revoked)", e.getMessage());
    assertEquals(before, files());
  }

  // rollout, halt, resume, reject

  @Test
  void release_withARolloutPlan_signsThePlanFromNow() {
    init();

    ReleaseFacts facts = editor().release(planned("5%,50%,100% every 1d")).facts();

    RolloutPlan expected = RolloutPlan.parse("5%,50%,100% every 1d", T0);
    assertEquals(expected, facts.rollout());
    assertEquals(expected, MetadataChain.verify(repo).facts(eolePath("1.0.0")).rollout());
    assertEquals("rollout " + expected.describe(), lastAudit().reason());
  }

  @Test
  void rollout_replacesThePlanAndItsHalt_fromNow() {
    init();
    release(EOLE, "1.0.0");
    editor().halt("eole", v("1.0.0"), "two sites failed", ACTOR);
    clock.advance(Duration.ofHours(3));

    editor().rollout("eole", v("1.0.0"), "10%,100% every 2d", "bob");

    ReleaseFacts signed = MetadataChain.verify(repo).facts(eolePath("1.0.0"));
    assertEquals(
        RolloutPlan.parse("10%,100% every 2d", T0.plus(Duration.ofHours(3))), signed.rollout());
    assertFalse(signed.halted());
    assertEquals("rollout", lastAudit().action());
    assertEquals("bob", lastAudit().actor());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0%", "5%,50%", "half", "50%,10% every 1d"})
  void rollout_aBadPlan_isRefusedAndChangesNothing(String plan) {
    init();
    release(EOLE, "1.0.0");
    SortedMap<String, String> before = files();

    PublishException e =
        assertThrows(
            PublishException.class, () -> editor().rollout("eole", v("1.0.0"), plan, ACTOR));

    assertEquals(PublishException.Kind.INVALID_REQUEST, e.kind());
    assertTrue(e.getMessage().contains("rollout plan"), e.getMessage());
    assertEquals(before, files());
  }

  @Test
  void halt_thenResume_goesOnFromWhereItStopped() {
    init();
    editor().release(planned("5%,25%,100% every 1d"));
    clock.advance(Duration.ofHours(12));

    ReleaseFacts halted = editor().halt("eole", v("1.0.0"), "imports fail", "bob");
    assertEquals(
        new RolloutPlan.Halt("imports fail", T0.plus(Duration.ofHours(12))),
        MetadataChain.verify(repo).facts(eolePath("1.0.0")).rollout().halt());
    assertEquals("halt", lastAudit().action());
    assertEquals("imports fail", lastAudit().reason());
    PublishException again =
        assertThrows(
            PublishException.class, () -> editor().halt("eole", v("1.0.0"), "again", ACTOR));
    assertEquals("eole 1.0.0 is already halted: imports fail", again.getMessage());

    clock.advance(Duration.ofDays(2));
    editor().resume("eole", v("1.0.0"), "bob");

    RolloutPlan resumed = MetadataChain.verify(repo).facts(eolePath("1.0.0")).rollout();
    assertFalse(resumed.halted());
    assertEquals(halted.rollout().steps().get(0), resumed.steps().get(0));
    assertEquals(T0.plus(Duration.ofDays(3)), resumed.steps().get(1).at());
    assertEquals("resume", lastAudit().action());
    PublishException notHalted =
        assertThrows(PublishException.class, () -> editor().resume("eole", v("1.0.0"), ACTOR));
    assertEquals(PublishException.Kind.CONFLICT, notHalted.kind());
  }

  @Test
  void resume_afterAHaltThatPushesThePlanPastAYear_isRefusedSayingToGiveANewPlan() {
    init();
    editor().release(planned("5%,100% every 30d"));
    editor().halt("eole", v("1.0.0"), "waiting for a fix", ACTOR);
    clock.advance(Duration.ofDays(400));
    SortedMap<String, String> before = files();

    PublishException e =
        assertThrows(PublishException.class, () -> editor().resume("eole", v("1.0.0"), ACTOR));

    assertEquals(PublishException.Kind.CONFLICT, e.kind());
    assertTrue(
        e.getMessage().endsWith("; give it a new plan from now with 'rollout'"), e::getMessage);
    assertEquals(before, files());
  }

  @Test
  void promote_withANewPlan_ofAHaltedRelease_isRefused() {
    init();
    release(EOLE, "1.0.0");
    editor().halt("eole", v("1.0.0"), "bad", ACTOR);
    SortedMap<String, String> before = files();

    PublishException e =
        assertThrows(
            PublishException.class,
            () -> editor().promote("eole", v("1.0.0"), Channel.STABLE, "100%", ACTOR));

    assertTrue(e.getMessage().startsWith("eole 1.0.0 is halted (bad): resume it"), e::getMessage);
    assertEquals(before, files());
  }

  @Test
  void halt_aReleaseWithoutPlan_stopsItAtAHundredPercent() {
    init();
    release(EOLE, "1.0.0");
    clock.advance(Duration.ofMinutes(5));

    ReleaseFacts facts = editor().halt("eole", v("1.0.0"), "bad DHCP range", ACTOR);

    assertEquals(List.of(new RolloutPlan.Step(100, T0)), facts.rollout().steps());
    assertTrue(MetadataChain.verify(repo).facts(eolePath("1.0.0")).halted());
  }

  @Test
  void reject_aTestingRelease_marksItForGoodAndRefusesLaterChanges() {
    init();
    release(EOLE, "1.0.0");

    editor().reject("eole", v("1.0.0"), "breaks amon", "bob");

    ReleaseFacts signed = MetadataChain.verify(repo).facts(eolePath("1.0.0"));
    assertEquals(new ReleaseFacts.Rejection("breaks amon", T0), signed.rejection());
    assertEquals("reject", lastAudit().action());
    SortedMap<String, String> before = files();
    PublishException promote =
        assertThrows(
            PublishException.class,
            () -> editor().promote("eole", v("1.0.0"), Channel.STABLE, null, ACTOR));
    assertEquals(
        "eole 1.0.0 was rejected (breaks amon) and cannot be promoted", promote.getMessage());
    assertThrows(PublishException.class, () -> editor().rollout("eole", v("1.0.0"), "100%", ACTOR));
    assertThrows(PublishException.class, () -> editor().reject("eole", v("1.0.0"), "again", ACTOR));
    assertEquals(before, files());
  }

  @Test
  void reject_aStableRelease_isRefusedAndChangesNothing() {
    init();
    editor().release(request(EOLE, "1.0.0", Channel.STABLE, null));
    SortedMap<String, String> before = files();

    PublishException e =
        assertThrows(
            PublishException.class, () -> editor().reject("eole", v("1.0.0"), "late", ACTOR));

    assertEquals(
        "eole 1.0.0 is in stable: only a release in testing or staged can be rejected;"
            + " deprecate or revoke it instead",
        e.getMessage());
    assertEquals(before, files());
  }

  @Test
  void deprecate_marksTheReleaseAndKeepsItServed() {
    init();
    release(EOLE, "1.0.0");
    clock.advance(Duration.ofHours(2));
    ReleaseFacts facts =
        editor().deprecate("eole", v("1.0.0"), "amon 2.8.1 breaks upgrades", "bob");
    assertEquals(
        new ReleaseFacts.Deprecation("amon 2.8.1 breaks upgrades", T0.plus(Duration.ofHours(2))),
        facts.deprecation());
    Chain chain = MetadataChain.verify(repo);
    assertEquals(facts, chain.facts(eolePath("1.0.0")));
    assertEquals(List.of(1L, 3L, 3L, 3L), chain.versions());
    AuditEntry entry = lastAudit();
    assertEquals("deprecate", entry.action());
    assertEquals("bob", entry.actor());
    assertEquals("amon 2.8.1 breaks upgrades", entry.reason());
    assertEquals(versions(1, 2, 2, 2), entry.before());
    assertEquals(versions(1, 3, 3, 3), entry.after());
  }

  @Test
  void deprecate_twice_isRefused() {
    init();
    release(EOLE, "1.0.0");
    editor().deprecate("eole", v("1.0.0"), "superseded", ACTOR);
    SortedMap<String, String> before = files();
    PublishException e =
        assertThrows(
            PublishException.class, () -> editor().deprecate("eole", v("1.0.0"), "again", ACTOR));
    assertEquals("eole 1.0.0 is already deprecated", e.getMessage());
    assertEquals(before, files());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t\n"})
  void deprecate_blankReason_isRefused(String reason) {
    init();
    release(EOLE, "1.0.0");
    SortedMap<String, String> before = files();
    PublishException e =
        assertThrows(
            PublishException.class, () -> editor().deprecate("eole", v("1.0.0"), reason, ACTOR));
    assertEquals("a reason is required: it is recorded in the audit log", e.getMessage());
    assertEquals(before, files());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void revoke_blankReason_isRefused(String reason) {
    init();
    release(EOLE, "1.0.0");
    SortedMap<String, String> before = files();
    assertThrows(PublishException.class, () -> editor().revoke("eole", v("1.0.0"), reason, ACTOR));
    assertEquals(before, files());
  }

  @Test
  void revoke_removesTheTargetAndItsArchive() {
    init();
    release(EOLE, "1.0.0");
    release(ACME, "1.0.0");
    Path archive = archiveOf(MetadataChain.verify(repo), eolePath("1.0.0"));
    assertTrue(Files.exists(archive));

    ReleaseFacts revoked = editor().revoke("eole", v("1.0.0"), "leaked a password", "bob");
    assertEquals("1.0.0", revoked.version().toString());
    assertFalse(Files.exists(archive), archive::toString);
    Chain chain = MetadataChain.verify(repo);
    assertEquals(
        Set.of("acme-monitoring/acme-monitoring-1.0.0.tar.gz"),
        chain.targets().signed().targets().keySet());
    assertEquals(List.of(1L, 4L, 4L, 4L), chain.versions());
    AuditEntry entry = lastAudit();
    assertEquals("revoke", entry.action());
    assertEquals("leaked a password", entry.reason());
    assertEquals(versions(1, 3, 3, 3), entry.before());
    assertEquals(versions(1, 4, 4, 4), entry.after());

    SortedMap<String, String> before = files();
    assertThrows(PublishException.class, () -> editor().revoke("eole", v("1.0.0"), "again", ACTOR));
    assertEquals(before, files());
  }

  @Test
  void revoke_whoseArchiveCannotBeDeleted_isStillAudited() throws IOException {
    init();
    release(EOLE, "1.0.0");
    Path archive = archiveOf(MetadataChain.verify(repo), eolePath("1.0.0"));
    // A non-empty folder in its place: deleting it fails, even for root.
    Files.delete(archive);
    Files.createDirectories(archive.resolve("in-the-way"));

    PublishException e =
        assertThrows(
            PublishException.class, () -> editor().revoke("eole", v("1.0.0"), "broken", "bob"));
    assertTrue(e.getMessage().startsWith("revoked, but cannot delete the archive"), e::getMessage);
    assertEquals(
        Set.of(),
        editor().view().releases().stream()
            .map(f -> f.version())
            .collect(java.util.stream.Collectors.toSet()));
    AuditEntry entry = lastAudit();
    assertEquals("revoke", entry.action());
    assertEquals("bob", entry.actor());
    assertEquals(versions(1, 3, 3, 3), entry.after());
  }

  // key rotation

  @ParameterizedTest
  @ValueSource(strings = {"root", "targets", "snapshot", "timestamp"})
  void rotateKey_listsTheNewKeysInANewRootAndRetiresTheOld(String role) throws IOException {
    init();
    release(ACME, "1.0.0");
    Chain before = MetadataChain.verify(repo);
    RootMetadata oldRoot = before.rootSigned();
    List<String> oldIds = oldRoot.role(role).keyIds();

    List<String> fresh = editor().rotateKey(role, "bob");

    Chain after = MetadataChain.verify(repo);
    RootMetadata newRoot = after.rootSigned();
    assertEquals(2, newRoot.version());
    assertEquals(fresh, newRoot.role(role).keyIds());
    assertEquals(1, fresh.size());
    for (String old : oldIds) {
      assertFalse(fresh.contains(old));
      assertFalse(newRoot.keys().containsKey(old), "the old key is no longer listed");
      assertFalse(Files.exists(keyDir.resolve(role).resolve(old + ".pem")));
      assertTrue(
          Files.isRegularFile(keyDir.resolve(role).resolve("retired").resolve(old + ".pem")));
    }
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(keyDir.resolve(role).resolve("retired"))));
    assertTrue(Files.isRegularFile(keyDir.resolve(role).resolve(fresh.get(0) + ".pem")));
    RoleKeys oldRootRole = oldRoot.role("root");
    assertTrue(
        after.root().validSignatures(oldRootRole, oldRoot.keys()) >= oldRootRole.threshold());
    assertTrue(
        after.root().validSignatures(newRoot.role("root"), newRoot.keys())
            >= newRoot.role("root").threshold());

    RoleKeys retired = new RoleKeys(oldIds, 1);
    // Signed twice: by the old and new keys before the new root, by the new ones only after it.
    switch (role) {
      case "targets" -> {
        assertEquals(List.of(2L, 4L, 4L, 4L), after.versions());
        assertEquals(0, after.targets().validSignatures(retired, oldRoot.keys()));
      }
      case "snapshot" -> {
        assertEquals(List.of(2L, 2L, 4L, 4L), after.versions());
        assertEquals(0, after.snapshot().validSignatures(retired, oldRoot.keys()));
      }
      case "timestamp" -> {
        assertEquals(List.of(2L, 2L, 2L, 4L), after.versions());
        assertEquals(0, after.timestamp().validSignatures(retired, oldRoot.keys()));
      }
      default -> assertEquals(List.of(2L, 2L, 2L, 2L), after.versions());
    }
    AuditEntry entry = lastAudit();
    assertEquals("rotate-key", entry.action());
    assertEquals("role " + role, entry.reason());
    assertEquals("bob", entry.actor());

    release(ACME, "1.0.1");
    MetadataChain.verify(repo);
  }

  @Test
  void rotateKey_targets_reSignsTheSameTargetsWithTheNewKeyOnly() {
    init();
    release(EOLE, "1.0.0");
    Chain before = MetadataChain.verify(repo);
    List<String> fresh = editor().rotateKey("targets", ACTOR);
    Chain after = MetadataChain.verify(repo);
    assertEquals(
        before.targets().signed().json().get("targets"),
        after.targets().signed().json().get("targets"));
    assertEquals(
        fresh,
        after.targets().signatures().stream().map(SignatureEntry::keyId).toList(),
        "signed by the new key only");
    assertEquals(
        1,
        after
            .targets()
            .validSignatures(after.rootSigned().role("targets"), after.rootSigned().keys()));
  }

  @Test
  void rotateKey_root_newRootIsSignedByTheOldAndTheNewRootKeys() {
    init();
    Chain before = MetadataChain.verify(repo);
    RootMetadata oldRoot = before.rootSigned();
    List<String> fresh = editor().rotateKey("root", ACTOR);

    Chain after = MetadataChain.verify(repo);
    RootMetadata newRoot = after.rootSigned();
    assertEquals(
        1, after.root().validSignatures(oldRoot.role("root"), oldRoot.keys()), "old root key");
    assertEquals(
        1, after.root().validSignatures(newRoot.role("root"), newRoot.keys()), "new root key");
    assertEquals(fresh, newRoot.role("root").keyIds());
    assertEquals(2, after.root().signatures().size());

    editor().rotateKey("timestamp", ACTOR);
    Chain third = MetadataChain.verify(repo);
    assertEquals(3, third.rootSigned().version());
    assertEquals(
        fresh,
        third.root().signatures().stream().map(SignatureEntry::keyId).toList(),
        "the new key signs");
  }

  @Test
  void rotateKey_rootWithThresholdTwo_isSignedByBothPairs() {
    init(keys, Map.of("root", 2));
    RootMetadata oldRoot = MetadataChain.verify(repo).rootSigned();
    List<String> fresh = editor().rotateKey("root", ACTOR);
    Chain after = MetadataChain.verify(repo);
    RootMetadata newRoot = after.rootSigned();
    assertEquals(2, fresh.size());
    assertEquals(2, newRoot.role("root").threshold());
    assertEquals(2, after.root().validSignatures(oldRoot.role("root"), oldRoot.keys()));
    assertEquals(2, after.root().validSignatures(newRoot.role("root"), newRoot.keys()));
  }

  @Test
  void rotateKey_unknownRole_isRefusedAndChangesNothing() {
    init();
    SortedMap<String, String> before = files();
    SortedMap<String, String> keysBefore = RepositoryFiles.contents(keyDir);
    PublishException e =
        assertThrows(PublishException.class, () -> editor().rotateKey("mirror", ACTOR));
    assertEquals("unknown role 'mirror': use root, targets, snapshot or timestamp", e.getMessage());
    assertEquals(before, files());
    assertEquals(keysBefore, RepositoryFiles.contents(keyDir));
  }

  @Test
  void rotateKey_withoutTheRootKey_isRefusedAndChangesNothing() throws IOException {
    Map<String, List<String>> ids = init();
    Path rootKey = keyDir.resolve("root").resolve(ids.get("root").get(0) + ".pem");
    Files.move(rootKey, temp.resolve("offline.pem"));
    SortedMap<String, String> before = files();
    SortedMap<String, String> keysBefore = RepositoryFiles.contents(keyDir);
    PublishException e =
        assertThrows(PublishException.class, () -> editor().rotateKey("targets", ACTOR));
    assertTrue(
        e.getMessage().endsWith("(bring the offline root key for this operation)"), e::getMessage);
    assertEquals(before, files());
    assertEquals(keysBefore, RepositoryFiles.contents(keyDir));
  }

  @ParameterizedTest
  @ValueSource(strings = {"targets", "snapshot"})
  void rotateKey_withoutAKeyToReSignWith_isRefusedAndChangesNothing(String role)
      throws IOException {
    Map<String, List<String>> ids = init();
    release(ACME, "1.0.0");
    Files.delete(keyDir.resolve("timestamp").resolve(ids.get("timestamp").get(0) + ".pem"));
    SortedMap<String, String> before = files();
    SortedMap<String, String> keysBefore = RepositoryFiles.contents(keyDir);
    PublishException e =
        assertThrows(PublishException.class, () -> editor().rotateKey(role, ACTOR));
    assertTrue(e.getMessage().startsWith("role timestamp needs 1 signature(s)"), e::getMessage);
    assertEquals(before, files());
    assertEquals(keysBefore, RepositoryFiles.contents(keyDir));
    MetadataChain.verify(repo);
  }

  // refresh

  @Test
  void refresh_rightAfterInit_reSignsNothing() {
    init();
    SortedMap<String, String> before = files();
    assertEquals(List.of(), editor().refresh());
    assertEquals(before, files());
  }

  @Test
  void refresh_after13Hours_reSignsTheTimestampOnly() {
    init();
    clock.advance(Duration.ofHours(13));
    assertEquals(List.of("timestamp"), editor().refresh());
    Chain chain = MetadataChain.verify(repo, clock.instant());
    assertEquals(List.of(1L, 1L, 1L, 2L), chain.versions());
    assertEquals(clock.instant().plus(Duration.ofDays(1)), chain.timestamp().signed().expires());
    AuditEntry entry = lastAudit();
    assertEquals("refresh", entry.action());
    assertEquals("re-signed timestamp", entry.reason());

    SortedMap<String, String> before = files();
    assertEquals(List.of(), editor().refresh(), "nothing is due right after a refresh");
    assertEquals(before, files());
  }

  @Test
  void refresh_after4Days_reSignsSnapshotAndTimestamp() {
    init();
    clock.advance(Duration.ofDays(4));
    assertEquals(List.of("snapshot", "timestamp"), editor().refresh());
    Chain chain = MetadataChain.verify(repo, clock.instant());
    assertEquals(List.of(1L, 1L, 2L, 2L), chain.versions());
    assertEquals(clock.instant().plus(Duration.ofDays(7)), chain.snapshot().signed().expires());
  }

  @Test
  void refresh_after50Days_reSignsTargetsSnapshotAndTimestamp() {
    init();
    release(EOLE, "1.0.0");
    Chain before = MetadataChain.verify(repo);
    clock.advance(Duration.ofDays(50));
    assertEquals(List.of("targets", "snapshot", "timestamp"), editor().refresh());
    Chain chain = MetadataChain.verify(repo, clock.instant());
    assertEquals(List.of(1L, 3L, 3L, 3L), chain.versions());
    assertEquals(clock.instant().plus(Duration.ofDays(90)), chain.targets().signed().expires());
    assertEquals(
        before.targets().signed().json().get("targets"),
        chain.targets().signed().json().get("targets"));
    assertEquals("re-signed targets, snapshot, timestamp", lastAudit().reason());
  }

  @Test
  void refresh_withoutTheTargetsKey_reSignsSnapshotAndTimestampOnly() throws IOException {
    Map<String, List<String>> ids = init();
    Files.delete(keyDir.resolve("targets").resolve(ids.get("targets").get(0) + ".pem"));
    clock.advance(Duration.ofDays(50));
    assertEquals(List.of("snapshot", "timestamp"), editor().refresh());
    Chain chain = MetadataChain.verify(repo, clock.instant());
    assertEquals(List.of(1L, 1L, 2L, 2L), chain.versions());
  }

  // concurrency and crash safety

  @RepeatedTest(3)
  void release_concurrentlyFromEightThreads_losesNoRelease() throws Exception {
    init();
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch start = new CountDownLatch(1);
    RepositoryEditor shared = editor();
    List<Future<ReleaseResult>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ReleaseRequest request = request(ACME, "1.0." + i, Channel.TESTING, null);
      // Half share one editor, half have their own, some naming the folder another way.
      RepositoryEditor editor =
          i % 2 == 0 ? shared : new RepositoryEditor(keyDir.resolve("../repo"), keys, clock);
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return editor.release(request);
              }));
    }
    start.countDown();
    Set<SemanticVersion> released = new TreeSet<>();
    Map<SemanticVersion, SemanticVersion> refusedBelow = new LinkedHashMap<>();
    Pattern notAbove = Pattern.compile("version (\\S+) is not above (\\S+), the last release.*");
    for (Future<ReleaseResult> f : futures) {
      try {
        released.add(f.get(60, TimeUnit.SECONDS).facts().version());
      } catch (ExecutionException e) {
        assertTrue(e.getCause() instanceof PublishException, () -> "unexpected " + e.getCause());
        Matcher m = notAbove.matcher(e.getCause().getMessage());
        assertTrue(m.matches(), e.getCause()::getMessage);
        refusedBelow.put(v(m.group(1)), v(m.group(2)));
      }
    }
    pool.shutdown();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));

    // A release is refused only when a higher one landed first; the highest always lands.
    assertEquals(n, released.size() + refusedBelow.size());
    assertTrue(released.contains(v("1.0.7")), released::toString);
    refusedBelow.forEach(
        (version, last) -> {
          assertTrue(released.contains(last), () -> last + " refused " + version);
          assertTrue(last.compareTo(version) > 0, () -> last + " refused " + version);
        });

    Chain chain = MetadataChain.verify(repo);
    Set<String> served = new TreeSet<>(chain.targets().signed().targets().keySet());
    Set<String> expected = new TreeSet<>();
    released.forEach(r -> expected.add(ReleaseFacts.targetPath("acme-monitoring", r)));
    assertEquals(expected, served);
    long s = released.size();
    assertEquals(List.of(1L, 1 + s, 1 + s, 1 + s), chain.versions());

    // The audit log holds the releases in the order they took effect, each on the one before.
    List<AuditEntry> entries = audit();
    assertEquals(1 + s, entries.size());
    for (int k = 1; k < entries.size(); k++) {
      AuditEntry previous = entries.get(k - 1);
      AuditEntry entry = entries.get(k);
      assertEquals(previous.after(), entry.before());
      for (String role : List.of("targets", "snapshot", "timestamp")) {
        assertEquals(entry.before().get(role) + 1, entry.after().get(role));
      }
      if (k > 1) {
        assertTrue(v(entry.version()).compareTo(v(previous.version())) > 0, entries::toString);
      }
    }
    Set<String> metadataFiles = new TreeSet<>(FIRST_FILES);
    for (long k = 2; k <= 1 + s; k++) {
      metadataFiles.add(k + ".targets.json");
      metadataFiles.add(k + ".snapshot.json");
    }
    try (Stream<Path> list = Files.list(repo.resolve("metadata"))) {
      assertEquals(
          metadataFiles, new TreeSet<>(list.map(p -> p.getFileName().toString()).toList()));
    }
  }

  @Test
  void interruptedChange_leftoverFilesAreNotServedAndTheirVersionsNotReused() throws IOException {
    init();
    release(ACME, "1.0.0");
    byte[] garbage = "{\"signed\": {\"half-writ".getBytes(StandardCharsets.UTF_8);
    Path targets9 = repo.resolve("metadata/9.targets.json");
    Path snapshot5 = repo.resolve("metadata/5.snapshot.json");
    Files.write(targets9, garbage);
    Files.write(snapshot5, garbage);

    Chain chain = MetadataChain.verify(repo);
    assertEquals(List.of(1L, 2L, 2L, 2L), chain.versions());
    RepositoryView view = editor().view();
    assertEquals(1, view.releases().size());
    assertEquals(versions(1, 2, 2, 2), view.versions());

    ReleaseResult result = release(ACME, "1.0.1");
    assertEquals(versions(1, 10, 6, 3), result.metadata());
    chain = MetadataChain.verify(repo);
    assertEquals(List.of(1L, 10L, 6L, 3L), chain.versions());
    assertEquals(2, chain.targets().signed().targets().size());
    assertArrayEquals(garbage, Files.readAllBytes(targets9), "left alone");
  }
}
