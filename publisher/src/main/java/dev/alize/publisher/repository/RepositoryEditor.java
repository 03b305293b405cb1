package dev.alize.publisher.repository;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.archive.ArchiveException;
import dev.alize.common.archive.ArchiveLimits;
import dev.alize.common.archive.DeterministicArchive;
import dev.alize.common.archive.SafeArchiveReader;
import dev.alize.common.codec.Hashes;
import dev.alize.common.crypto.Ed25519SigningKey;
import dev.alize.common.datasource.Datasource;
import dev.alize.common.datasource.DatasourceLoader;
import dev.alize.common.datasource.InvalidDatasourceException;
import dev.alize.common.datasource.SourceTree;
import dev.alize.common.diff.DatasourceDiff;
import dev.alize.common.diff.DatasourceDiffer;
import dev.alize.common.diff.PreviousRelease;
import dev.alize.common.release.ChangeSummary;
import dev.alize.common.release.Channel;
import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.release.RolloutPlan;
import dev.alize.common.tuf.Metadata;
import dev.alize.common.tuf.RootMetadata;
import dev.alize.common.tuf.TargetFile;
import dev.alize.common.version.Bump;
import dev.alize.common.version.SemanticVersion;
import dev.alize.publisher.keys.KeyDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Every change to a signed repository: release, promote, deprecate, revoke, key rotation and
 * re-signing before expiry.
 *
 * <p>Each change runs under the repository lock and writes new files first (the target, then {@code
 * N.targets.json}, then {@code N.snapshot.json}) and switches over last, by replacing {@code
 * timestamp.json} atomically. A crash at any point leaves the previous repository valid and served;
 * the audit log records the change once it has taken effect.
 */
public final class RepositoryEditor {

  private final RepositoryLayout layout;
  private final KeyDirectory keys;
  private final Clock clock;
  private final DatasourceLoader loader = new DatasourceLoader();
  private final RoleSigner signer;
  private final AuditLog audit;

  public RepositoryEditor(Path repository, KeyDirectory keys, Clock clock) {
    this.layout = new RepositoryLayout(repository);
    this.keys = keys;
    this.clock = clock;
    this.signer = new RoleSigner(keys);
    this.audit = new AuditLog(layout.auditLog());
  }

  public RepositoryLayout layout() {
    return layout;
  }

  /** The releases served now and the expiry of each role. */
  public RepositoryView view() {
    RepositoryState s = RepositoryState.load(layout);
    List<ReleaseFacts> releases = new ArrayList<>();
    for (TargetFile target : s.targets().signed().targets().values()) {
      releases.add(ReleaseFacts.fromJson(target.custom()));
    }
    releases.sort(
        Comparator.comparing(ReleaseFacts::datasource).thenComparing(ReleaseFacts::version));
    Map<String, Instant> expiry = new LinkedHashMap<>();
    expiry.put("root", s.root().signed().expires());
    expiry.put("targets", s.targets().signed().expires());
    expiry.put("snapshot", s.snapshot().signed().expires());
    expiry.put("timestamp", s.timestamp().signed().expires());
    return new RepositoryView(releases, expiry, versions(s));
  }

  /**
   * Validates, archives and publishes a datasource release.
   *
   * @throws InvalidDatasourceException with every problem of an invalid datasource
   * @throws PublishException for a version that is not above the last one or understates the
   *     changes, and for missing keys
   */
  public ReleaseResult release(ReleaseRequest request) {
    RolloutPlan plan = plan(request.rollout());
    SourceTree tree = new UnchangingSourceTree(request.tree());
    // Names and sizes alone, before any file is read: the archive is written before the tree is
    // validated.
    requireReadable(tree, ArchiveLimits.DEFAULT);
    // Written while the previous release is read; kept only if the release passes.
    CompletableFuture<byte[]> written =
        inBackground("archive", () -> DeterministicArchive.write(tree));
    // The previous release, its models' sources compared with the new archive's: those the same in
    // both are neither parsed nor validated again.
    CompletableFuture<Baseline> guessed =
        inBackground("previous", () -> guessBaseline(tree, written));
    Baseline baseline = orNull(guessed);
    Datasource datasource = load(tree, baseline);
    String name = datasource.name();
    try (RepositoryLock lock = RepositoryLock.acquire(layout)) {
      RepositoryState s = loadClearingLeftovers();
      Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      checkVersionIsNew(s, name, request.version());
      ChangeSummary summary = summarise(s, tree, datasource, baseline, request, written);
      byte[] archive = await(written);
      Map<String, String> hashes = new LinkedHashMap<>();
      hashes.put("sha256", Hashes.sha256Hex(archive));
      hashes.put("sha512", HexFormat.of().formatHex(Hashes.digest("SHA-512").digest(archive)));
      ReleaseFacts facts =
          new ReleaseFacts(
              name,
              request.version(),
              request.channel(),
              now,
              request.classification(),
              request.notes(),
              summary,
              null,
              plan,
              null);
      Path archiveFile = layout.targetFile(facts.targetPath(), hashes.get("sha256"));
      boolean newFolder = !Files.isDirectory(archiveFile.getParent());
      boolean newArchive = !Files.exists(archiveFile);
      served().write(archiveFile, archive);
      ObjectNode targets = s.targets().signed().json().deepCopy();
      ObjectNode entry = targets.withObjectProperty("targets").putObject(facts.targetPath());
      entry.put("length", archive.length);
      ObjectNode h = entry.putObject("hashes");
      hashes.forEach(h::put);
      entry.set("custom", facts.toJson());
      Map<String, Long> after;
      try {
        after =
            publish(
                s,
                targets,
                signer,
                versions ->
                    new AuditEntry(
                        now,
                        request.actor(),
                        "release",
                        name,
                        request.version().toString(),
                        releaseReason(request, plan),
                        versions(s),
                        versions,
                        request.notes()));
      } catch (RuntimeException e) {
        if (newArchive) {
          deleteQuietly(archiveFile, e);
        }
        if (newFolder) {
          deleteQuietly(archiveFile.getParent(), e);
        }
        throw e;
      }
      audit.commit();
      return new ReleaseResult(facts, archive.length, hashes, after);
    }
  }

  /**
   * Moves a release to a more trusted channel, with a new rollout plan when one is given.
   *
   * @param rollout the plan as maintainers write it; null to keep the release's plan
   */
  public ReleaseFacts promote(
      String datasource, SemanticVersion version, Channel channel, String rollout, String actor) {
    RolloutPlan plan = plan(rollout);
    return updateRelease(
        datasource,
        version,
        actor,
        "promote",
        "to " + channel + (plan == null ? "" : "; rollout " + plan.describe()),
        facts -> {
          requireOpen(facts, "promoted");
          if (plan != null && facts.halted()) {
            throw new PublishException(
                PublishException.Kind.CONFLICT,
                label(facts)
                    + " is halted ("
                    + facts.rollout().halt().reason()
                    + "): resume it, or give it a new plan with 'rollout', before promoting it"
                    + " with one");
          }
          if (!channel.accepts(facts.channel())) {
            ReleaseFacts promoted = facts.withChannel(channel);
            return plan == null ? promoted : promoted.withRollout(plan);
          }
          throw new PublishException(
              PublishException.Kind.CONFLICT,
              label(facts)
                  + " is already in "
                  + facts.channel()
                  + ": promotion only moves to a more trusted channel (testing, staged, stable)");
        });
  }

  /**
   * Gives a release a new rollout plan, starting now; it replaces the plan and any halt. Sites that
   * took the release keep it, even if the new plan is slower.
   */
  public ReleaseFacts rollout(
      String datasource, SemanticVersion version, String rollout, String actor) {
    RolloutPlan plan = plan(rollout);
    if (plan == null) {
      throw new PublishException(
          PublishException.Kind.INVALID_REQUEST,
          "a rollout plan is required: a percentage ('25%') or steps ('5%,25%,100% every 1d')");
    }
    return updateRelease(
        datasource,
        version,
        actor,
        "rollout",
        plan.describe(),
        facts -> {
          requireOpen(facts, "rolled out");
          return facts.withRollout(plan);
        });
  }

  /**
   * Stops a release's rollout: no site newly takes it; sites that have it keep it. A release with
   * no plan is halted where it stands, at 100 %.
   */
  public ReleaseFacts halt(
      String datasource, SemanticVersion version, String reason, String actor) {
    requireReason(reason);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    return updateRelease(
        datasource,
        version,
        actor,
        "halt",
        reason,
        facts -> {
          requireOpen(facts, "halted");
          if (facts.halted()) {
            throw new PublishException(
                PublishException.Kind.CONFLICT,
                label(facts) + " is already halted: " + facts.rollout().halt().reason());
          }
          RolloutPlan plan =
              facts.rollout() != null
                  ? facts.rollout()
                  : new RolloutPlan(List.of(new RolloutPlan.Step(100, facts.released())), null);
          return facts.withRollout(plan.halt(reason, now));
        });
  }

  /**
   * Lets a halted rollout go on from where it stopped: the steps still ahead move later by the time
   * the halt lasted.
   */
  public ReleaseFacts resume(String datasource, SemanticVersion version, String actor) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    return updateRelease(
        datasource,
        version,
        actor,
        "resume",
        null,
        facts -> {
          if (!facts.halted()) {
            throw new PublishException(
                PublishException.Kind.CONFLICT, label(facts) + " is not halted: nothing to resume");
          }
          return facts.withRollout(facts.rollout().resume(now));
        });
  }

  /**
   * Rejects a release still in testing or staged: consumers never take it again, it stays served
   * for those that have it, and the audit log keeps why.
   */
  public ReleaseFacts reject(
      String datasource, SemanticVersion version, String reason, String actor) {
    requireReason(reason);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    return updateRelease(
        datasource,
        version,
        actor,
        "reject",
        reason,
        facts -> {
          requireOpen(facts, "rejected");
          if (facts.channel() == Channel.STABLE) {
            throw new PublishException(
                PublishException.Kind.CONFLICT,
                label(facts)
                    + " is in stable: only a release in testing or staged can be rejected;"
                    + " deprecate or revoke it instead");
          }
          return facts.withRejection(new ReleaseFacts.Rejection(reason, now));
        });
  }

  /** Refuses to change a deprecated or rejected release, saying which. */
  private static void requireOpen(ReleaseFacts facts, String done) {
    if (facts.rejection() != null) {
      throw new PublishException(
          PublishException.Kind.CONFLICT,
          label(facts)
              + " was rejected ("
              + facts.rejection().reason()
              + ") and cannot be "
              + done);
    }
    if (facts.deprecation() != null) {
      throw new PublishException(
          PublishException.Kind.CONFLICT, label(facts) + " is deprecated and cannot be " + done);
    }
  }

  /** A plan read from maintainers' text, starting now; null for none. */
  private RolloutPlan plan(String rollout) {
    if (rollout == null) {
      return null;
    }
    try {
      return RolloutPlan.parse(rollout, clock.instant().truncatedTo(ChronoUnit.SECONDS));
    } catch (IllegalArgumentException e) {
      throw new PublishException(PublishException.Kind.INVALID_REQUEST, e.getMessage());
    }
  }

  private static String releaseReason(ReleaseRequest request, RolloutPlan plan) {
    List<String> parts = new ArrayList<>();
    if (request.forceReason() != null) {
      parts.add("version forced: " + request.forceReason());
    }
    if (plan != null) {
      parts.add("rollout " + plan.describe());
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  /** Marks a release deprecated: it stays served, but consumers never newly choose it. */
  public ReleaseFacts deprecate(
      String datasource, SemanticVersion version, String reason, String actor) {
    requireReason(reason);
    return updateRelease(
        datasource,
        version,
        actor,
        "deprecate",
        reason,
        facts -> {
          if (facts.deprecation() != null) {
            throw new PublishException(
                PublishException.Kind.CONFLICT, label(facts) + " is already deprecated");
          }
          return facts.withDeprecation(
              new ReleaseFacts.Deprecation(
                  reason, clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        });
  }

  /** Removes a release from the targets: consumers can no longer download or choose it. */
  public ReleaseFacts revoke(
      String datasource, SemanticVersion version, String reason, String actor) {
    requireReason(reason);
    try (RepositoryLock lock = RepositoryLock.acquire(layout)) {
      RepositoryState s = loadClearingLeftovers();
      String path = ReleaseFacts.targetPath(datasource, version);
      TargetFile target = findTarget(s, datasource, version);
      ReleaseFacts facts = ReleaseFacts.fromJson(target.custom());
      ObjectNode targets = s.targets().signed().json().deepCopy();
      targets.withObjectProperty("targets").remove(path);
      // Recorded before the archive goes: the revoke took effect even if deleting it fails.
      publish(s, targets, signer, entry(s, actor, "revoke", datasource, version, reason));
      audit.commit();
      try {
        Files.deleteIfExists(layout.targetFile(path, target.hashes().get("sha256")));
      } catch (IOException e) {
        throw new PublishException("revoked, but cannot delete the archive: " + e.getMessage(), e);
      }
      return facts;
    }
  }

  /**
   * Replaces the keys of a role by new ones. A new root version lists them, signed by the current
   * root keys and, for a root rotation, by the new ones too, as the specification requires; then
   * the role's own metadata is re-signed with its new keys.
   *
   * @return the ids of the new keys
   */
  public List<String> rotateKey(String role, String actor) {
    if (!RootMetadata.TOP_LEVEL_ROLES.contains(role)) {
      throw new PublishException(
          PublishException.Kind.INVALID_REQUEST,
          "unknown role '" + role + "': use root, targets, snapshot or timestamp");
    }
    try (RepositoryLock lock = RepositoryLock.acquire(layout)) {
      RepositoryState s = loadClearingLeftovers();
      RootMetadata root = s.root().signed();
      List<String> oldIds = root.role(role).keyIds();
      List<Ed25519SigningKey> oldRootKeys = keys.loadAvailable("root", root.role("root").keyIds());
      if (oldRootKeys.size() < root.role("root").threshold()) {
        throw new PublishException(
            "rotating a key needs "
                + root.role("root").threshold()
                + " root key(s); "
                + keys.path().resolve("root")
                + " holds "
                + oldRootKeys.size()
                + " (bring the offline root key for this operation)");
      }
      // The roles re-signed after the new root must be signable before anything is written.
      List<String> chain = List.of("targets", "snapshot", "timestamp");
      if (chain.contains(role)) {
        chain.subList(chain.indexOf(role) + 1, chain.size()).forEach(r -> signer.keysFor(root, r));
      }
      List<Ed25519SigningKey> fresh = new ArrayList<>();
      for (int i = 0; i < Math.max(1, oldIds.size()); i++) {
        fresh.add(keys.generate(role));
      }
      ObjectNode json =
          SignedJson.renew(
              root.json(),
              s.nextVersion("root"),
              clock.instant().plus(settings().expiryOf("root")));
      ObjectNode keyObjects = json.withObjectProperty("keys");
      ArrayNode ids = json.withObjectProperty("roles").withObjectProperty(role).putArray("keyids");
      fresh.forEach(
          k -> {
            keyObjects.set(k.keyId(), k.publicKey().toJson());
            ids.add(k.keyId());
          });
      for (String old : oldIds) {
        if (root.roles().entrySet().stream()
            .noneMatch(e -> !e.getKey().equals(role) && e.getValue().keyIds().contains(old))) {
          keyObjects.remove(old);
        }
      }
      List<Ed25519SigningKey> signing = new ArrayList<>(oldRootKeys);
      if (role.equals("root")) {
        signing.addAll(fresh);
      }
      byte[] rootBytes = Metadata.sign(json, signing);
      long rootVersion = json.get("version").asLong();
      // The role's metadata, signed by its old keys and its new ones, verifies under either root:
      // published first, it lets the new root take effect alone, when its file appears. Then it is
      // signed again, by the new keys only.
      Map<String, Long> after = resign(s, role, signer.alsoWith(role, fresh));
      after.put("root", rootVersion);
      audit.intend(
          new AuditEntry(
              clock.instant(),
              actor,
              "rotate-key",
              null,
              null,
              "role " + role,
              versions(s),
              after));
      served().write(layout.metadataFile(rootVersion + ".root.json"), rootBytes);
      audit.commit();
      served().write(layout.metadataFile("root.json"), rootBytes);
      resign(RepositoryState.load(layout), role, signer);
      keys.retireAllBut(role, fresh.stream().map(Ed25519SigningKey::keyId).toList());
      return fresh.stream().map(Ed25519SigningKey::keyId).toList();
    }
  }

  /**
   * Signs {@code role}'s metadata again, and what lists it, with {@code signer}; root is left
   * alone.
   *
   * @return the versions served after
   */
  private Map<String, Long> resign(RepositoryState s, String role, RoleSigner signer) {
    return switch (role) {
      case "targets" -> publish(s, s.targets().signed().json(), signer, null);
      case "snapshot" -> publish(s, null, signer, null);
      case "timestamp" -> timestampAgain(s, signer, null);
      default -> versions(s);
    };
  }

  /** A new timestamp for the snapshot served: see {@link #writeTimestamp}. */
  private Map<String, Long> timestampAgain(
      RepositoryState s, RoleSigner signer, Function<Map<String, Long>, AuditEntry> record) {
    return writeTimestamp(
        s,
        s.targets().signed().version(),
        s.snapshot().signed().version(),
        s.snapshot().raw(),
        signer,
        record);
  }

  /**
   * Re-signs the roles whose metadata has less than half of its validity period left, so that a
   * quiet repository never freezes its consumers. Roles whose keys are not here are left alone.
   *
   * @return the roles re-signed, in order
   */
  public List<String> refresh() {
    try (RepositoryLock lock = RepositoryLock.acquire(layout)) {
      RepositoryState s = loadClearingLeftovers();
      RepositorySettings settings = settings();
      Instant now = clock.instant();
      boolean targets = dueAndSignable(s, "targets", s.targets().signed().expires(), settings, now);
      boolean snapshot = targets || due("snapshot", s.snapshot().signed().expires(), settings, now);
      boolean timestamp =
          snapshot || due("timestamp", s.timestamp().signed().expires(), settings, now);
      List<String> roles = new ArrayList<>();
      if (targets) {
        roles.add("targets");
      }
      if (snapshot) {
        roles.add("snapshot");
      }
      if (timestamp) {
        roles.add("timestamp");
      }
      if (roles.isEmpty()) {
        return roles;
      }
      Function<Map<String, Long>, AuditEntry> record =
          after ->
              new AuditEntry(
                  now,
                  "alize-publisher",
                  "refresh",
                  null,
                  null,
                  "re-signed " + String.join(", ", roles),
                  versions(s),
                  after);
      if (snapshot) {
        publish(s, targets ? s.targets().signed().json() : null, signer, record);
      } else {
        timestampAgain(s, signer, record);
      }
      audit.commit();
      return roles;
    }
  }

  private boolean dueAndSignable(
      RepositoryState s, String role, Instant expires, RepositorySettings settings, Instant now) {
    return due(role, expires, settings, now)
        && keys.loadAvailable(role, s.root().signed().role(role).keyIds()).size()
            >= s.root().signed().role(role).threshold();
  }

  private static boolean due(
      String role, Instant expires, RepositorySettings settings, Instant now) {
    Duration half = settings.expiryOf(role).dividedBy(2);
    return !now.plus(half).isBefore(expires);
  }

  private ReleaseFacts updateRelease(
      String datasource,
      SemanticVersion version,
      String actor,
      String action,
      String reason,
      java.util.function.UnaryOperator<ReleaseFacts> change) {
    try (RepositoryLock lock = RepositoryLock.acquire(layout)) {
      RepositoryState s = loadClearingLeftovers();
      TargetFile target = findTarget(s, datasource, version);
      ReleaseFacts updated;
      try {
        updated = change.apply(ReleaseFacts.fromJson(target.custom()));
      } catch (IllegalArgumentException e) {
        // A plan that would break its own limits, such as one resumed after a halt of months.
        throw new PublishException(
            PublishException.Kind.CONFLICT,
            label(datasource, version)
                + ": "
                + e.getMessage()
                + "; give it a new plan from now with 'rollout'");
      }
      ObjectNode targets = s.targets().signed().json().deepCopy();
      ((ObjectNode) targets.withObjectProperty("targets").get(target.path()))
          .set("custom", updated.toJson());
      publish(s, targets, signer, entry(s, actor, action, datasource, version, reason));
      audit.commit();
      return updated;
    }
  }

  /**
   * Signs and writes new targets (when given), a new snapshot and a new timestamp, in order. When
   * anything fails before the switch-over, the files written so far are removed again, so that the
   * folder is exactly as it was.
   *
   * @param record the audit entry of the change, given the versions after it, for the caller to
   *     {@link AuditLog#commit commit}; null for none
   */
  private Map<String, Long> publish(
      RepositoryState s,
      ObjectNode targetsSigned,
      RoleSigner signer,
      Function<Map<String, Long>, AuditEntry> record) {
    RepositorySettings settings = settings();
    ServedFiles served = new ServedFiles(layout, settings.fileMode());
    Instant now = clock.instant();
    RootMetadata root = s.root().signed();
    long targetsVersion = s.targets().signed().version();
    List<Path> written = new ArrayList<>();
    try {
      if (targetsSigned != null) {
        targetsVersion = s.nextVersion("targets");
        ObjectNode signed =
            SignedJson.renew(targetsSigned, targetsVersion, now.plus(settings.expiryOf("targets")));
        byte[] bytes = signer.sign(root, "targets", signed);
        Path file = layout.metadataFile(targetsVersion + ".targets.json");
        served.write(file, bytes);
        written.add(file);
      }
      long snapshotVersion = s.nextVersion("snapshot");
      ObjectNode snapshot =
          SignedJson.renew(
              s.snapshot().signed().json(),
              snapshotVersion,
              now.plus(settings.expiryOf("snapshot")));
      snapshot.withObjectProperty("meta").putObject("targets.json").put("version", targetsVersion);
      byte[] snapshotBytes = signer.sign(root, "snapshot", snapshot);
      Path snapshotFile = layout.metadataFile(snapshotVersion + ".snapshot.json");
      served.write(snapshotFile, snapshotBytes);
      written.add(snapshotFile);
      return writeTimestamp(s, targetsVersion, snapshotVersion, snapshotBytes, signer, record);
    } catch (RuntimeException e) {
      written.forEach(f -> deleteQuietly(f, e));
      throw e;
    }
  }

  private static void deleteQuietly(Path file, RuntimeException failure) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * The switch-over: replaces timestamp.json in one step, having stated the change's audit entry,
   * which the caller then records with {@link AuditLog#commit}: a change killed in between is
   * recorded by the next one.
   *
   * @param record the audit entry of the change, given the versions after it; null for none
   */
  private Map<String, Long> writeTimestamp(
      RepositoryState s,
      long targetsVersion,
      long snapshotVersion,
      byte[] snapshotBytes,
      RoleSigner signer,
      Function<Map<String, Long>, AuditEntry> record) {
    long version = s.timestamp().signed().version() + 1;
    ObjectNode timestamp =
        SignedJson.renew(
            s.timestamp().signed().json(),
            version,
            clock.instant().plus(settings().expiryOf("timestamp")));
    ObjectNode meta = timestamp.withObjectProperty("meta").putObject("snapshot.json");
    meta.put("version", snapshotVersion);
    meta.put("length", snapshotBytes.length);
    meta.putObject("hashes").put("sha256", Hashes.sha256Hex(snapshotBytes));
    byte[] bytes = signer.sign(s.root().signed(), "timestamp", timestamp);
    Map<String, Long> after = new LinkedHashMap<>();
    after.put("root", s.root().signed().version());
    after.put("targets", targetsVersion);
    after.put("snapshot", snapshotVersion);
    after.put("timestamp", version);
    if (record != null) {
      audit.intend(record.apply(after));
    }
    served().write(layout.metadataFile("timestamp.json"), bytes);
    return after;
  }

  /** The audit entry of an action on one release, given the versions after it. */
  private Function<Map<String, Long>, AuditEntry> entry(
      RepositoryState s,
      String actor,
      String action,
      String datasource,
      SemanticVersion version,
      String reason) {
    return after ->
        new AuditEntry(
            clock.instant(),
            actor,
            action,
            datasource,
            version.toString(),
            reason,
            versions(s),
            after);
  }

  /** The state served, once what a change killed part-way left is cleared; under the lock. */
  private RepositoryState loadClearingLeftovers() {
    RepositoryState s = RepositoryState.load(layout);
    Leftovers.clear(layout, s, keys, audit, served());
    return s;
  }

  private void checkVersionIsNew(RepositoryState s, String name, SemanticVersion version) {
    Optional<SemanticVersion> last =
        Stream.concat(
                releasesOf(s, name).stream().map(ReleaseFacts::version),
                audit.read().stream()
                    .filter(e -> e.action().equals("release") && name.equals(e.datasource()))
                    .map(e -> SemanticVersion.parse(e.version())))
            .max(Comparator.naturalOrder());
    if (last.isPresent() && version.compareTo(last.get()) <= 0) {
      throw new PublishException(
          PublishException.Kind.CONFLICT,
          "version "
              + version
              + " is not above "
              + last.get()
              + ", the last release of "
              + name
              + " (a version is never reused, even after a revoke): use "
              + last.get().next(Bump.PATCH)
              + " or above");
    }
  }

  /**
   * The changes since the newest release served, refusing a version that understates them.
   *
   * @param loaded the new release, loaded against {@code guessed}
   * @param guessed the previous release as found before the lock, or null
   */
  private ChangeSummary summarise(
      RepositoryState s,
      SourceTree tree,
      Datasource loaded,
      Baseline guessed,
      ReleaseRequest request,
      CompletableFuture<byte[]> written) {
    Optional<ReleaseFacts> previous = newestRelease(s, loaded.name());
    Baseline baseline =
        previous.isEmpty()
            ? null
            : guessed != null && guessed.isOf(s, previous.get())
                ? guessed
                : baseline(s, previous.get(), written);
    // Loaded against another release than the one found now, released meanwhile: loaded again.
    // Without a guess it was loaded whole, which any comparison takes.
    Datasource datasource = baseline == guessed || guessed == null ? loaded : load(tree, baseline);
    if (previous.isEmpty()) {
      List<String> all = new ArrayList<>();
      datasource
          .models()
          .forEach((release, models) -> models.keySet().forEach(m -> all.add(release + "/" + m)));
      return ChangeSummary.of(null, Bump.NONE, all, List.of(), List.of());
    }
    Datasource old;
    try {
      old = await(baseline.changedModels());
    } catch (ArchiveException | InvalidDatasourceException | UncheckedIOException e) {
      throw cannotCompare(previous.get(), e);
    }
    DatasourceDiff diff = DatasourceDiffer.diff(old, baseline.comparison().changed(datasource));
    Bump declared = request.version().bumpFrom(previous.get().version());
    if (declared.compareTo(diff.bump()) < 0 && request.forceReason() == null) {
      throw new PublishException(
          PublishException.Kind.CONFLICT,
          "version "
              + request.version()
              + " is a "
              + declared
              + " release, but the changes since "
              + previous.get().version()
              + " require a "
              + diff.bump()
              + " bump ("
              + diff.changes().stream()
                  .filter(c -> c.bump() == diff.bump())
                  .limit(3)
                  .map(Object::toString)
                  .reduce((a, b) -> a + "; " + b)
                  .orElse("")
              + "): use "
              + previous.get().version().next(diff.bump())
              + ", or --force-version REASON");
    }
    return ChangeSummary.of(previous.get().version().toString(), diff);
  }

  /**
   * Refuses a tree whose archive a consumer would not read within {@code limits}: too many files, a
   * name it refuses, a file too large, or too many bytes in all. Only names and sizes are read.
   */
  static void requireReadable(SourceTree tree, ArchiveLimits limits) {
    List<String> files = tree.files();
    if (files.size() > limits.maxEntries()) {
      throw new PublishException(
          PublishException.Kind.INVALID_REQUEST,
          "the datasource has "
              + files.size()
              + " files, more than the "
              + limits.maxEntries()
              + " a consumer reads from one archive");
    }
    long total = 0;
    for (String path : files) {
      try {
        SafeArchiveReader.safePath(path);
      } catch (ArchiveException e) {
        throw new PublishException(
            PublishException.Kind.INVALID_REQUEST,
            tree.shown(path)
                + ": a consumer refuses this name in an archive ("
                + e.getMessage()
                + ")");
      }
      long size;
      try {
        size = tree.size(path);
      } catch (IOException e) {
        throw new PublishException(tree.shown(path) + ": cannot be read: " + e.getMessage(), e);
      }
      if (size > limits.maxEntryBytes()) {
        throw new PublishException(
            PublishException.Kind.INVALID_REQUEST,
            tree.shown(path)
                + ": larger than the "
                + limits.maxEntryBytes()
                + " bytes a consumer reads of one file of an archive");
      }
      total += size;
    }
    if (total > limits.maxTotalBytes()) {
      throw new PublishException(
          PublishException.Kind.INVALID_REQUEST,
          "the datasource's files come to "
              + total
              + " bytes, more than the "
              + limits.maxTotalBytes()
              + " a consumer reads from one archive");
    }
  }

  /**
   * The new release's datasource: validated whole, or but for the models whose sources are those of
   * the previous release, which was validated when it was made.
   *
   * @throws InvalidDatasourceException with every problem of the files read
   */
  private Datasource load(SourceTree tree, Baseline baseline) {
    return (baseline == null
            ? loader.load(tree)
            : loader.load(tree, baseline.comparison().unread()))
        .orThrow();
  }

  /**
   * The newest release of the datasource the tree names, read without the lock while the archive is
   * written, then compared with it. A guess, then: null when there is none, and {@link #summarise}
   * takes it only for the very archive found under the lock.
   */
  private Baseline guessBaseline(SourceTree tree, CompletableFuture<byte[]> written) {
    Optional<String> name = new DatasourceLoader().name(tree);
    if (name.isEmpty()) {
      return null;
    }
    RepositoryState s = RepositoryState.load(layout);
    Optional<ReleaseFacts> newest = newestRelease(s, name.get());
    return newest.isEmpty() ? null : baseline(s, newest.get(), written);
  }

  /**
   * The previous release compared with the new archive; its models whose sources changed are read
   * on a thread of their own, while the new release loads.
   */
  private Baseline baseline(
      RepositoryState s, ReleaseFacts facts, CompletableFuture<byte[]> written) {
    PreviousRelease previous = readRelease(s, facts);
    byte[] nextArchive = await(written);
    PreviousRelease.Comparison comparison;
    try {
      comparison = previous.compare(nextArchive);
    } catch (ArchiveException | InvalidDatasourceException | UncheckedIOException e) {
      throw cannotCompare(facts, e);
    }
    return new Baseline(
        facts.targetPath(),
        sha256Of(s, facts),
        comparison,
        inBackground("previous-models", comparison::previous));
  }

  /**
   * The previous release, from the archive of {@code targetPath} and {@code sha256}, compared with
   * the new one.
   */
  private record Baseline(
      String targetPath,
      String sha256,
      PreviousRelease.Comparison comparison,
      CompletableFuture<Datasource> changedModels) {

    boolean isOf(RepositoryState s, ReleaseFacts facts) {
      return targetPath.equals(facts.targetPath()) && sha256.equals(sha256Of(s, facts));
    }
  }

  /**
   * The guess's result, or null when it failed: read without the lock, it may have met a change, or
   * a new release whose validation, of every file, then says what is wrong with it.
   */
  private static Baseline orNull(CompletableFuture<Baseline> guessed) {
    try {
      return guessed.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      return null;
    }
  }

  private static String sha256Of(RepositoryState s, ReleaseFacts facts) {
    return s.targets().signed().targets().get(facts.targetPath()).hashes().get("sha256");
  }

  /** Reads a release's archive and validates its frame; safe on any thread. */
  private PreviousRelease readRelease(RepositoryState s, ReleaseFacts facts) {
    String sha256 = sha256Of(s, facts);
    Path file = layout.targetFile(facts.targetPath(), sha256);
    try {
      byte[] bytes = Files.readAllBytes(file);
      if (!Hashes.sha256Hex(bytes).equals(sha256)) {
        throw new PublishException(
            file + " does not match its hash in targets: the repository is damaged");
      }
      return PreviousRelease.read(facts.targetPath(), bytes);
    } catch (IOException | UncheckedIOException | ArchiveException | InvalidDatasourceException e) {
      throw cannotCompare(facts, e);
    }
  }

  private static PublishException cannotCompare(ReleaseFacts facts, Exception e) {
    return new PublishException(
        "cannot read the previous release " + label(facts) + " to compare with: " + e.getMessage(),
        e);
  }

  private static Optional<ReleaseFacts> newestRelease(RepositoryState s, String datasource) {
    return releasesOf(s, datasource).stream().max(Comparator.comparing(ReleaseFacts::version));
  }

  /** Runs {@code work} on a daemon thread of its own, so that it never holds up an exit. */
  private static <T> CompletableFuture<T> inBackground(String what, Supplier<T> work) {
    return CompletableFuture.supplyAsync(
        work,
        task -> {
          Thread thread = new Thread(task, "alize-release-" + what);
          thread.setDaemon(true);
          thread.start();
        });
  }

  /** The result of {@code task}, or what it threw, as if it had run on this thread. */
  private static <T> T await(CompletableFuture<T> task) {
    try {
      return task.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  private static List<ReleaseFacts> releasesOf(RepositoryState s, String datasource) {
    List<ReleaseFacts> out = new ArrayList<>();
    for (TargetFile target : s.targets().signed().targets().values()) {
      ReleaseFacts facts = ReleaseFacts.fromJson(target.custom());
      if (facts.datasource().equals(datasource)) {
        out.add(facts);
      }
    }
    return out;
  }

  private static TargetFile findTarget(
      RepositoryState s, String datasource, SemanticVersion version) {
    TargetFile target =
        s.targets().signed().targets().get(ReleaseFacts.targetPath(datasource, version));
    if (target == null) {
      throw new PublishException(
          PublishException.Kind.NOT_FOUND,
          datasource + " " + version + " is not released in this repository (or was revoked)");
    }
    return target;
  }

  private ServedFiles served() {
    return new ServedFiles(layout, settings().fileMode());
  }

  private RepositorySettings settings() {
    return RepositorySettings.read(layout.settings());
  }

  static Map<String, Long> versions(RepositoryState s) {
    Map<String, Long> v = new LinkedHashMap<>();
    v.put("root", s.root().signed().version());
    v.put("targets", s.targets().signed().version());
    v.put("snapshot", s.snapshot().signed().version());
    v.put("timestamp", s.timestamp().signed().version());
    return v;
  }

  private static String label(ReleaseFacts facts) {
    return label(facts.datasource(), facts.version());
  }

  private static String label(String datasource, SemanticVersion version) {
    return datasource + " " + version;
  }

  private static void requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new PublishException(
          PublishException.Kind.INVALID_REQUEST,
          "a reason is required: it is recorded in the audit log");
    }
  }
}
