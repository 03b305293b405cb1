package dev.alize.publisher.repository;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.crypto.Ed25519SigningKey;
import dev.alize.common.io.AtomicFiles;
import dev.alize.common.tuf.Metadata;
import dev.alize.common.tuf.RootMetadata;
import dev.alize.publisher.keys.KeyDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Creates a repository: keys for the four roles, and version 1 of root, targets (empty), snapshot
 * and timestamp, with consistent snapshots.
 *
 * <p>All or nothing: the keys are made first, beside a mark saying they belong to an unfinished
 * init; the repository is built in a hidden folder beside its place and renamed into place in one
 * step; the mark goes last. Killed before the rename, init leaves no repository, and the next init
 * clears the keys of the unfinished one; killed after it, a whole repository.
 */
public final class RepositoryInitializer {

  private static final List<String> ROLES = List.of("root", "targets", "snapshot", "timestamp");

  /** In the key folder while an init has not made its repository. */
  private static final String UNFINISHED = ".init-unfinished";

  private RepositoryInitializer() {}

  /**
   * @param thresholds per role, how many keys to make and require; 1 for roles not named
   * @return the ids of the keys made, by role
   */
  public static Map<String, List<String>> init(
      Path repository,
      KeyDirectory keys,
      RepositorySettings settings,
      Map<String, Integer> thresholds,
      String actor,
      Clock clock) {
    return init(repository, keys, settings, thresholds, actor, clock, () -> {});
  }

  /**
   * As {@link #init(Path, KeyDirectory, RepositorySettings, Map, String, Clock)}, running {@code
   * alsoInKeys} after the keys are made and before the repository appears: what else init makes in
   * the key folder is then all or nothing with it.
   */
  public static Map<String, List<String>> init(
      Path repository,
      KeyDirectory keys,
      RepositorySettings settings,
      Map<String, Integer> thresholds,
      String actor,
      Clock clock,
      Runnable alsoInKeys) {
    refuseExisting(repository, keys);
    for (Map.Entry<String, Integer> t : thresholds.entrySet()) {
      if (!ROLES.contains(t.getKey()) || t.getValue() < 1) {
        throw new PublishException(
            "invalid threshold " + t.getKey() + "=" + t.getValue() + ": use ROLE=N with N >= 1");
      }
    }
    Path staging = staging(repository);
    deleteTree(staging);
    Path unfinished = keys.path().resolve(UNFINISHED);
    AtomicFiles.createPrivateDirectories(keys.path());
    AtomicFiles.writePrivate(
        unfinished, repository.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
    Instant now = clock.instant();
    Map<String, List<Ed25519SigningKey>> made = new LinkedHashMap<>();
    for (String role : ROLES) {
      List<Ed25519SigningKey> roleKeys = new ArrayList<>();
      for (int i = 0; i < thresholds.getOrDefault(role, 1); i++) {
        roleKeys.add(keys.generate(role));
      }
      made.put(role, roleKeys);
    }
    alsoInKeys.run();
    RepositoryLayout layout = new RepositoryLayout(staging);
    try {
      Files.createDirectories(layout.metadata());
      Files.createDirectories(layout.targets());
      // Made here rather than by the first upload, so that a refused upload leaves the folder as
      // it found it.
      Files.createDirectories(layout.uploads());
    } catch (IOException e) {
      throw new PublishException("cannot create " + repository + ": " + e.getMessage(), e);
    }
    ServedFiles served = new ServedFiles(layout, settings.fileMode());
    served.setFolderModes();
    settings.write(layout.settings());

    ObjectNode root = SignedJson.create(RootMetadata.TYPE, 1, now.plus(settings.expiryOf("root")));
    root.put("consistent_snapshot", true);
    ObjectNode keyObjects = root.putObject("keys");
    ObjectNode roles = root.putObject("roles");
    made.forEach(
        (role, list) -> {
          ObjectNode r = roles.putObject(role);
          ArrayNode ids = r.putArray("keyids");
          list.forEach(
              k -> {
                keyObjects.set(k.keyId(), k.publicKey().toJson());
                ids.add(k.keyId());
              });
          r.put("threshold", list.size());
        });
    byte[] rootBytes = Metadata.sign(root, made.get("root"));
    served.write(layout.metadataFile("1.root.json"), rootBytes);
    served.write(layout.metadataFile("root.json"), rootBytes);

    ObjectNode targets = SignedJson.create("targets", 1, now.plus(settings.expiryOf("targets")));
    targets.putObject("targets");
    served.write(
        layout.metadataFile("1.targets.json"), Metadata.sign(targets, made.get("targets")));

    ObjectNode snapshot = SignedJson.create("snapshot", 1, now.plus(settings.expiryOf("snapshot")));
    snapshot.putObject("meta").putObject("targets.json").put("version", 1);
    byte[] snapshotBytes = Metadata.sign(snapshot, made.get("snapshot"));
    served.write(layout.metadataFile("1.snapshot.json"), snapshotBytes);

    ObjectNode timestamp =
        SignedJson.create("timestamp", 1, now.plus(settings.expiryOf("timestamp")));
    ObjectNode meta = timestamp.putObject("meta").putObject("snapshot.json");
    meta.put("version", 1);
    meta.put("length", snapshotBytes.length);
    meta.putObject("hashes").put("sha256", dev.alize.common.codec.Hashes.sha256Hex(snapshotBytes));
    served.write(
        layout.metadataFile("timestamp.json"), Metadata.sign(timestamp, made.get("timestamp")));

    Map<String, Long> versions = Map.of("root", 1L, "targets", 1L, "snapshot", 1L, "timestamp", 1L);
    new AuditLog(layout.auditLog())
        .append(new AuditEntry(now, actor, "init", null, null, null, Map.of(), versions));
    try {
      Files.move(staging, repository, StandardCopyOption.ATOMIC_MOVE);
      Files.delete(unfinished);
    } catch (IOException e) {
      throw new PublishException("cannot create " + repository + ": " + e.getMessage(), e);
    }
    Map<String, List<String>> ids = new LinkedHashMap<>();
    made.forEach(
        (role, list) -> ids.put(role, list.stream().map(Ed25519SigningKey::keyId).toList()));
    return ids;
  }

  /**
   * Refuses a folder that is already a repository or holds anything else, and a key folder that
   * already holds keys, once what an init killed before its repository appeared is cleared.
   *
   * @throws PublishException saying which
   */
  public static void refuseExisting(Path repository, KeyDirectory keys) {
    RepositoryLayout layout = new RepositoryLayout(repository);
    if (!isEmptyOrAbsent(layout.metadata())) {
      throw new PublishException(layout.root() + " is already a repository");
    }
    if (!isEmptyOrAbsent(repository)) {
      throw new PublishException(
          repository + " is not empty: give init a new or empty folder for the repository");
    }
    deleteMarkWrittenInPart(keys.path());
    if (Files.exists(keys.path().resolve(UNFINISHED))) {
      // Keys of an init killed before its repository appeared: they never signed anything served.
      for (String role : ROLES) {
        deleteTree(keys.path().resolve(role));
      }
      deleteTree(keys.path().resolve("tls"));
      deleteTree(keys.path().resolve(UNFINISHED));
    }
    for (String role : ROLES) {
      if (keys.hasKeys(role)) {
        throw new PublishException(
            keys.path() + " already holds keys for " + role + ": give init an empty key folder");
      }
    }
  }

  /** Deletes the temporary file of a mark whose write was killed before its rename. */
  private static void deleteMarkWrittenInPart(Path keys) {
    if (!Files.isDirectory(keys)) {
      return;
    }
    try (Stream<Path> files = Files.list(keys)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (name.startsWith("." + UNFINISHED) && name.endsWith(".tmp")) {
          Files.delete(f);
        }
      }
    } catch (IOException e) {
      throw new PublishException("cannot clear " + keys + ": " + e.getMessage(), e);
    }
  }

  /** The hidden folder beside the repository's place where init builds it. */
  private static Path staging(Path repository) {
    Path absolute = repository.toAbsolutePath().normalize();
    return absolute.resolveSibling("." + absolute.getFileName() + ".init");
  }

  private static boolean isEmptyOrAbsent(Path dir) {
    if (!Files.isDirectory(dir)) {
      return !Files.exists(dir);
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.findAny().isEmpty();
    } catch (IOException e) {
      throw new PublishException("cannot read " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path path) {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new PublishException("cannot remove " + path + ": " + e.getMessage(), e);
    }
  }
}
