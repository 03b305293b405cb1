package dev.alize.common.verify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.codec.CanonicalJson;
import dev.alize.common.codec.Hashes;
import dev.alize.common.crypto.Ed25519SigningKey;
import dev.alize.common.crypto.PublicKey;
import dev.alize.common.tuf.MetaFile;
import dev.alize.common.tuf.Signed;
import dev.alize.common.tuf.TargetFile;
import dev.alize.common.tuf.TufTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An in-memory TUF repository for tests, after python-tuf's {@code RepositorySimulator}.
 *
 * <p>Each role has ed25519 keys (the ones its delegator lists, with a threshold) and signers (the
 * keys that actually sign it, which may differ). Root versions are published one at a time with
 * {@link #publishRoot}; the other roles are signed from their current state each time their bytes
 * are asked for. Everything is public so that a test can tamper with it: versions, expiries, keys,
 * signers, the meta that timestamp and snapshot list, and the JSON before or after signing.
 *
 * <p>Changing a targets role does not change what snapshot says of it: call {@link #updateSnapshot}
 * (which calls {@link #updateTimestamp}) as a publisher would.
 */
public final class RepositorySimulator {

  /** The time every test judges expiry at. */
  public static final Instant REFERENCE_TIME = Instant.parse("2030-06-15T12:00:00Z");

  public static final Instant SAFE_EXPIRY = REFERENCE_TIME.plus(Duration.ofDays(30));
  public static final Instant PAST = REFERENCE_TIME.minus(Duration.ofDays(5));

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** A role's metadata state, the keys its delegator lists for it, and who signs it. */
  public static final class Role {
    public final String name;
    public long version = 1;
    public Instant expires = SAFE_EXPIRY;

    /** Listed by the delegator (root, or a targets role); may differ from {@link #signers}. */
    public final List<PublicKey> keys = new ArrayList<>();

    public int threshold = 1;
    public final List<Ed25519SigningKey> signers = new ArrayList<>();

    /** Targets roles only: the target files and the delegations, in order. */
    public final Map<String, TargetFile> targets = new LinkedHashMap<>();

    public final List<Delegation> delegations = new ArrayList<>();

    /** Edits the {@code signed} object before it is signed. */
    public Consumer<ObjectNode> beforeSigning = signed -> {};

    /** Edits the whole file ({@code signed} and {@code signatures}) after it is signed. */
    public Consumer<ObjectNode> afterSigning = file -> {};

    Role(String name) {
      this.name = name;
    }

    /** A new key, listed for this role and signing it. */
    public Ed25519SigningKey addKey() {
      Ed25519SigningKey key = newKey();
      addKey(key);
      return key;
    }

    /** Lists {@code key} for this role and signs with it. */
    public void addKey(Ed25519SigningKey key) {
      keys.add(key.publicKey());
      signers.add(key);
    }

    /** Neither listed nor signing any more. */
    public void removeKey(Ed25519SigningKey key) {
      keys.remove(key.publicKey());
      signers.remove(key);
    }

    public void clearKeys() {
      keys.clear();
      signers.clear();
    }
  }

  /** A delegation from a targets role; the keys and threshold are those of the delegated role. */
  public record Delegation(
      String name, boolean terminating, List<String> paths, List<String> pathHashPrefixes) {}

  public final Role root = new Role("root");
  public final Role timestamp = new Role("timestamp");
  public final Role snapshot = new Role("snapshot");
  public final Role targets = new Role("targets");
  public boolean consistentSnapshot = true;

  /** What timestamp says of snapshot.json. */
  public MetaFile timestampMeta = new MetaFile(1, null, Map.of());

  /** What snapshot says of each targets role, by file name ({@code targets.json}). */
  public final Map<String, MetaFile> snapshotMeta = new LinkedHashMap<>();

  /** Whether updateSnapshot and updateTimestamp also list the length and SHA-256 of files. */
  public boolean computeMetaHashes;

  private final Map<String, Role> delegated = new LinkedHashMap<>();
  private final Map<String, byte[]> targetFiles = new LinkedHashMap<>();
  private final TreeMap<Long, byte[]> roots = new TreeMap<>();

  /** A repository at version 1 of every role, one key per top-level role, root 1 published. */
  public RepositorySimulator() {
    for (Role role : List.of(root, timestamp, snapshot, targets)) {
      role.addKey();
    }
    snapshotMeta.put("targets.json", new MetaFile(1, null, Map.of()));
    publishRoot();
  }

  public static Ed25519SigningKey newKey() {
    return Ed25519SigningKey.generate(RANDOM);
  }

  /** A top-level or delegated role. */
  public Role role(String name) {
    return switch (name) {
      case "root" -> root;
      case "timestamp" -> timestamp;
      case "snapshot" -> snapshot;
      case "targets" -> targets;
      default -> {
        Role role = delegated.get(name);
        if (role == null) {
          throw new IllegalArgumentException("no role " + name);
        }
        yield role;
      }
    };
  }

  /** Signs root as it is now with root's signers and keeps it as that version (replacing one). */
  public byte[] publishRoot() {
    byte[] bytes = sign(root, rootSigned());
    roots.put(root.version, bytes);
    return bytes;
  }

  /** A published root version's bytes. */
  public byte[] rootBytes(long version) {
    byte[] bytes = roots.get(version);
    if (bytes == null) {
      throw new IllegalArgumentException("root " + version + " is not published");
    }
    return bytes.clone();
  }

  public long latestRootVersion() {
    return roots.lastKey();
  }

  /**
   * The bytes of a role's file as it is now: for root the newest published version, for the others
   * signed afresh.
   */
  public byte[] metadata(String roleName) {
    return switch (roleName) {
      case "root" -> rootBytes(latestRootVersion());
      case "timestamp" -> sign(timestamp, timestampSigned());
      case "snapshot" -> sign(snapshot, snapshotSigned());
      default -> {
        Role role = role(roleName);
        yield sign(role, targetsSigned(role));
      }
    };
  }

  /** The content of a target file added with {@link #addTarget}. */
  public byte[] targetFile(String path) {
    byte[] content = targetFiles.get(path);
    if (content == null) {
      throw new IllegalArgumentException("no target " + path);
    }
    return content.clone();
  }

  /** Adds a target file to a targets role, with its length and SHA-256. */
  public TargetFile addTarget(String roleName, String path, byte[] content) {
    TargetFile file =
        new TargetFile(
            path,
            content.length,
            Map.of("sha256", Hashes.sha256Hex(content)),
            MissingNode.getInstance());
    role(roleName).targets.put(path, file);
    targetFiles.put(path, content.clone());
    return file;
  }

  /**
   * Adds a role that {@code delegator} delegates to, at version 1 with one new key; snapshot lists
   * it at the next {@link #updateSnapshot}.
   *
   * @param paths null when {@code pathHashPrefixes} is used
   */
  public Role addDelegation(
      String delegator,
      String name,
      boolean terminating,
      List<String> paths,
      List<String> pathHashPrefixes) {
    Role role = new Role(name);
    role.addKey();
    role(delegator).delegations.add(new Delegation(name, terminating, paths, pathHashPrefixes));
    delegated.put(name, role);
    return role;
  }

  public List<String> delegatedRoleNames() {
    return List.copyOf(delegated.keySet());
  }

  /** Lists every targets role at its current version in snapshot, bumps snapshot and timestamp. */
  public void updateSnapshot() {
    List<Role> all = new ArrayList<>();
    all.add(targets);
    all.addAll(delegated.values());
    for (Role role : all) {
      snapshotMeta.put(role.name + ".json", metaFile(role.version, role.name));
    }
    snapshot.version++;
    updateTimestamp();
  }

  /** Lists snapshot at its current version in timestamp, and bumps timestamp. */
  public void updateTimestamp() {
    timestampMeta = metaFile(snapshot.version, "snapshot");
    timestamp.version++;
  }

  private MetaFile metaFile(long version, String roleName) {
    if (!computeMetaHashes) {
      return new MetaFile(version, null, Map.of());
    }
    byte[] bytes = metadata(roleName);
    return new MetaFile(version, (long) bytes.length, Map.of("sha256", Hashes.sha256Hex(bytes)));
  }

  private ObjectNode rootSigned() {
    ObjectNode signed = common("root", root);
    signed.put("consistent_snapshot", consistentSnapshot);
    ObjectNode keys = signed.putObject("keys");
    ObjectNode roles = signed.putObject("roles");
    for (Role role : List.of(root, timestamp, snapshot, targets)) {
      roles.set(role.name, listKeys(role, keys));
    }
    return signed;
  }

  private ObjectNode timestampSigned() {
    ObjectNode signed = common("timestamp", timestamp);
    signed.putObject("meta").set("snapshot.json", metaJson(timestampMeta));
    return signed;
  }

  private ObjectNode snapshotSigned() {
    ObjectNode signed = common("snapshot", snapshot);
    ObjectNode meta = signed.putObject("meta");
    snapshotMeta.forEach((file, entry) -> meta.set(file, metaJson(entry)));
    return signed;
  }

  private ObjectNode targetsSigned(Role role) {
    ObjectNode signed = common("targets", role);
    ObjectNode files = signed.putObject("targets");
    for (TargetFile file : role.targets.values()) {
      ObjectNode entry = files.putObject(file.path());
      entry.put("length", file.length());
      ObjectNode hashes = entry.putObject("hashes");
      file.hashes().forEach(hashes::put);
      if (!file.custom().isMissingNode()) {
        entry.set("custom", file.custom().deepCopy());
      }
    }
    if (!role.delegations.isEmpty()) {
      ObjectNode delegations = signed.putObject("delegations");
      ObjectNode keys = delegations.putObject("keys");
      ArrayNode roles = delegations.putArray("roles");
      for (Delegation d : role.delegations) {
        ObjectNode entry = listKeys(role(d.name()), keys);
        entry.put("name", d.name());
        entry.put("terminating", d.terminating());
        if (d.paths() != null) {
          d.paths().forEach(entry.putArray("paths")::add);
        }
        if (d.pathHashPrefixes() != null) {
          d.pathHashPrefixes().forEach(entry.putArray("path_hash_prefixes")::add);
        }
        roles.add(entry);
      }
    }
    return signed;
  }

  /** Adds the role's keys to {@code keys} and returns its {@code keyids} and threshold. */
  private static ObjectNode listKeys(Role role, ObjectNode keys) {
    ObjectNode entry = JSON.objectNode();
    ArrayNode ids = entry.putArray("keyids");
    for (PublicKey key : role.keys) {
      keys.set(key.keyId(), key.toJson());
      ids.add(key.keyId());
    }
    entry.put("threshold", role.threshold);
    return entry;
  }

  private static ObjectNode common(String type, Role role) {
    ObjectNode signed = JSON.objectNode();
    signed.put("_type", type);
    signed.put("spec_version", Signed.SPEC_VERSION);
    signed.put("version", role.version);
    signed.put("expires", TufTime.format(role.expires));
    return signed;
  }

  private static ObjectNode metaJson(MetaFile meta) {
    ObjectNode node = JSON.objectNode();
    node.put("version", meta.version());
    if (meta.length() != null) {
      node.put("length", meta.length());
    }
    if (!meta.hashes().isEmpty()) {
      ObjectNode hashes = node.putObject("hashes");
      meta.hashes().forEach(hashes::put);
    }
    return node;
  }

  private static byte[] sign(Role role, ObjectNode signed) {
    role.beforeSigning.accept(signed);
    byte[] canonical = CanonicalJson.encode(signed);
    ObjectNode file = JSON.objectNode();
    ArrayNode signatures = file.putArray("signatures");
    for (Ed25519SigningKey key : role.signers) {
      signatures
          .addObject()
          .put("keyid", key.keyId())
          .put("sig", HexFormat.of().formatHex(key.sign(canonical)));
    }
    file.set("signed", signed);
    role.afterSigning.accept(file);
    return CanonicalJson.encodeForFile(file);
  }
}
