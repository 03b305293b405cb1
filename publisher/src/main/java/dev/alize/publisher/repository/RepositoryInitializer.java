package dev.alize.publisher.repository;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.crypto.Ed25519SigningKey;
import dev.alize.common.tuf.Metadata;
import dev.alize.common.tuf.RootMetadata;
import dev.alize.publisher.keys.KeyDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Creates a repository: keys for the four roles, and version 1 of root, targets (empty), snapshot
 * and timestamp, with consistent snapshots.
 */
public final class RepositoryInitializer {

  private static final List<String> ROLES = List.of("root", "targets", "snapshot", "timestamp");

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
    RepositoryLayout layout = new RepositoryLayout(repository);
    refuseExisting(repository, keys);
    for (Map.Entry<String, Integer> t : thresholds.entrySet()) {
      if (!ROLES.contains(t.getKey()) || t.getValue() < 1) {
        throw new PublishException(
            "invalid threshold " + t.getKey() + "=" + t.getValue() + ": use ROLE=N with N >= 1");
      }
    }
    Instant now = clock.instant();
    Map<String, List<Ed25519SigningKey>> made = new LinkedHashMap<>();
    for (String role : ROLES) {
      List<Ed25519SigningKey> roleKeys = new ArrayList<>();
      for (int i = 0; i < thresholds.getOrDefault(role, 1); i++) {
        roleKeys.add(keys.generate(role));
      }
      made.put(role, roleKeys);
    }
    try {
      Files.createDirectories(layout.metadata());
      Files.createDirectories(layout.targets());
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
    Map<String, List<String>> ids = new LinkedHashMap<>();
    made.forEach(
        (role, list) -> ids.put(role, list.stream().map(Ed25519SigningKey::keyId).toList()));
    return ids;
  }

  /**
   * Refuses a folder that is already a repository, and a key folder that already holds keys.
   *
   * @throws PublishException saying which
   */
  public static void refuseExisting(Path repository, KeyDirectory keys) {
    RepositoryLayout layout = new RepositoryLayout(repository);
    if (Files.isDirectory(layout.metadata())) {
      try (Stream<Path> files = Files.list(layout.metadata())) {
        if (files.findAny().isPresent()) {
          throw new PublishException(layout.root() + " is already a repository");
        }
      } catch (IOException e) {
        throw new PublishException("cannot read " + layout.metadata() + ": " + e.getMessage(), e);
      }
    }
    for (String role : ROLES) {
      if (keys.hasKeys(role)) {
        throw new PublishException(
            keys.path() + " already holds keys for " + role + ": give init an empty key folder");
      }
    }
  }
}
