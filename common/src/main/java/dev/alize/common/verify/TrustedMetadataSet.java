package dev.alize.common.verify;

import dev.alize.common.crypto.PublicKey;
import dev.alize.common.tuf.DelegatedRole;
import dev.alize.common.tuf.MetaFile;
import dev.alize.common.tuf.Metadata;
import dev.alize.common.tuf.MetadataFormatException;
import dev.alize.common.tuf.RoleKeys;
import dev.alize.common.tuf.RootMetadata;
import dev.alize.common.tuf.Signed;
import dev.alize.common.tuf.SnapshotMetadata;
import dev.alize.common.tuf.TargetsMetadata;
import dev.alize.common.tuf.TimestampMetadata;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The metadata a client trusts, and the only way to add to it: the client workflow of the TUF
 * specification (section 5) as a state machine fed with bytes, with no I/O.
 *
 * <p>Order: construct with the trusted root (5.2); {@link #updateRoot} for each newer root version
 * N+1 (5.3); {@link #updateTimestamp} (5.4); {@link #updateSnapshot} (5.5); {@link #updateTargets},
 * then {@link #updateDelegatedTargets} as the search for a target needs (5.6). Calling out of order
 * is a programming error ({@link IllegalStateException}). Every update takes the raw bytes as
 * received, verifies them, and either makes them trusted or throws a {@link RepositoryException}
 * and changes nothing, but for the two cases below, which the caller must never persist. All times
 * are judged at the one reference time given at construction (5.1), so an update cannot straddle an
 * expiry.
 *
 * <p>A client that keeps a complete set between refreshes judges it again with {@link
 * #checkNotExpired} before trusting it at a later time.
 *
 * <p>As in the specification, an intermediate root may be expired (only the final one counts), and
 * an expired or mismatching timestamp or snapshot is still kept for rollback protection of a newer
 * one, but then blocks the next step.
 */
public final class TrustedMetadataSet {

  private final Instant referenceTime;
  private Metadata<RootMetadata> root;
  private Metadata<TimestampMetadata> timestamp;
  private Metadata<SnapshotMetadata> snapshot;

  /** In the order they were loaded: the top-level one first. */
  private final Map<String, Metadata<TargetsMetadata>> targets = new LinkedHashMap<>();

  /** Who delegated each loaded targets role: root for the top-level one. */
  private final Map<String, String> delegators = new HashMap<>();

  /**
   * Loads the trusted root: the local copy or the shipped trust anchor. It must be signed by its
   * own root keys; it may be expired (a newer root may follow).
   */
  public TrustedMetadataSet(byte[] trustedRoot, Instant referenceTime) {
    this.referenceTime = referenceTime;
    Metadata<RootMetadata> loaded = parse("root", trustedRoot, Metadata::root);
    verify(loaded, "root", loaded.signed().role("root"), loaded.signed().keys(), "root");
    this.root = loaded;
  }

  public Metadata<RootMetadata> root() {
    return root;
  }

  public Optional<Metadata<TimestampMetadata>> timestamp() {
    return Optional.ofNullable(timestamp);
  }

  public Optional<Metadata<SnapshotMetadata>> snapshot() {
    return Optional.ofNullable(snapshot);
  }

  public Optional<Metadata<TargetsMetadata>> targets(String role) {
    return Optional.ofNullable(targets.get(role));
  }

  /**
   * A targets role already verified, as {@code delegator} delegates it: empty when it is not loaded
   * yet.
   *
   * @throws RepositoryException when another delegator's keys verified it: see {@link
   *     #updateDelegatedTargets}
   */
  public Optional<Metadata<TargetsMetadata>> targets(String role, String delegator) {
    Metadata<TargetsMetadata> loaded = targets.get(role);
    if (loaded != null) {
      refuseSecondDelegator(role, delegator);
    }
    return Optional.ofNullable(loaded);
  }

  /** 5.3: root version N+1, signed by the threshold of both the trusted and the new root keys. */
  public Metadata<RootMetadata> updateRoot(byte[] bytes) {
    if (timestamp != null) {
      throw new IllegalStateException("root cannot be updated after timestamp");
    }
    Metadata<RootMetadata> next = parse("root", bytes, Metadata::root);
    verify(next, "root", root.signed().role("root"), root.signed().keys(), "the trusted root");
    long expected = root.signed().version() + 1;
    if (next.signed().version() != expected) {
      throw new BadVersionException(
          "root", "root versions go up one at a time", expected, next.signed().version());
    }
    verify(next, "root", next.signed().role("root"), next.signed().keys(), "the new root");
    root = next;
    return next;
  }

  /**
   * 5.4: the timestamp, signed by root's timestamp keys, never older than the trusted one.
   *
   * @return UNCHANGED when it is the version already trusted
   * @throws ExpiredMetadataException when the final root or the new timestamp is expired; an
   *     expired timestamp is kept nonetheless, for rollback protection
   */
  public TimestampUpdate updateTimestamp(byte[] bytes) {
    if (snapshot != null) {
      throw new IllegalStateException("timestamp cannot be updated after snapshot");
    }
    checkNotExpired(root.signed(), "root");
    Metadata<TimestampMetadata> next = parse("timestamp", bytes, Metadata::timestamp);
    verify(next, "timestamp", root.signed().role("timestamp"), root.signed().keys(), "root");
    if (timestamp != null) {
      long trusted = timestamp.signed().version();
      long found = next.signed().version();
      if (found < trusted) {
        throw new BadVersionException("timestamp", "rollback of timestamp", trusted, found);
      }
      if (found == trusted) {
        return TimestampUpdate.UNCHANGED;
      }
      long trustedSnapshot = timestamp.signed().snapshot().version();
      if (next.signed().snapshot().version() < trustedSnapshot) {
        throw new BadVersionException(
            "timestamp",
            "rollback of snapshot",
            trustedSnapshot,
            next.signed().snapshot().version());
      }
    }
    timestamp = next;
    checkNotExpired(next.signed(), "timestamp");
    return TimestampUpdate.UPDATED;
  }

  /**
   * 5.5: the snapshot timestamp names, checked against its signed length and hashes, signed by
   * root's snapshot keys, and listing every targets role of the trusted snapshot at no lower
   * version.
   *
   * @param trusted true for the local copy, which was verified when it was stored: its hashes may
   *     no longer be those of the new timestamp
   */
  public Metadata<SnapshotMetadata> updateSnapshot(byte[] bytes, boolean trusted) {
    if (timestamp == null) {
      throw new IllegalStateException("snapshot cannot be updated before timestamp");
    }
    if (!targets.isEmpty()) {
      throw new IllegalStateException("snapshot cannot be updated after targets");
    }
    checkNotExpired(timestamp.signed(), "timestamp");
    MetaFile meta = timestamp.signed().snapshot();
    if (!trusted) {
      LengthAndHashes.verify("snapshot", bytes, meta.length(), meta.hashes());
    }
    Metadata<SnapshotMetadata> next = parse("snapshot", bytes, Metadata::snapshot);
    verify(next, "snapshot", root.signed().role("snapshot"), root.signed().keys(), "root");
    if (snapshot != null) {
      for (Map.Entry<String, MetaFile> old : snapshot.signed().meta().entrySet()) {
        MetaFile now = next.signed().meta().get(old.getKey());
        if (now == null) {
          throw new RepositoryException("snapshot", "no longer lists " + old.getKey());
        }
        if (now.version() < old.getValue().version()) {
          throw new BadVersionException(
              "snapshot", "rollback of " + old.getKey(), old.getValue().version(), now.version());
        }
      }
    }
    snapshot = next;
    checkFinalSnapshot();
    return next;
  }

  /** 5.6: the top-level targets, as snapshot lists it, signed by root's targets keys. */
  public Metadata<TargetsMetadata> updateTargets(byte[] bytes) {
    return updateDelegatedTargets(bytes, "targets", "root");
  }

  /**
   * 5.6.7: a delegated targets role, as snapshot lists it, signed by the keys its delegator gives
   * it. A role that two delegators delegate (a "diamond") is refused once it is reached through the
   * second: each delegator names its own keys for it, and a role verified by one delegator's keys
   * must never be trusted on another's word. Refusing such graphs is what the TUF conformance suite
   * accepts beside verifying per path.
   */
  public Metadata<TargetsMetadata> updateDelegatedTargets(
      byte[] bytes, String role, String delegator) {
    if (snapshot == null) {
      throw new IllegalStateException("targets cannot be updated before snapshot");
    }
    refuseSecondDelegator(role, delegator);
    checkFinalSnapshot();
    boolean byRoot = delegator.equals("root");
    if (byRoot && !RootMetadata.TOP_LEVEL_ROLES.contains(role)) {
      throw new IllegalArgumentException("root delegates to top-level roles only, not " + role);
    }
    Metadata<TargetsMetadata> parent = targets.get(delegator);
    if (!byRoot && parent == null) {
      throw new IllegalStateException("delegator " + delegator + " is not loaded");
    }
    MetaFile meta =
        snapshot
            .signed()
            .findRole(role)
            .orElseThrow(
                () -> new RepositoryException(role, "snapshot does not list " + role + ".json"));
    LengthAndHashes.verify(role, bytes, meta.length(), meta.hashes());
    Metadata<TargetsMetadata> next = parse(role, bytes, Metadata::targets);
    if (byRoot) {
      verify(next, role, root.signed().role(role), root.signed().keys(), "root");
    } else {
      DelegatedRole delegated =
          parent.signed().delegations().stream()
              .filter(d -> d.name().equals(role))
              .findFirst()
              .orElseThrow(
                  () -> new RepositoryException(role, delegator + " does not delegate to " + role));
      verify(
          next,
          role,
          new RoleKeys(delegated.keyIds(), delegated.threshold()),
          parent.signed().delegationKeys(),
          delegator);
    }
    if (next.signed().version() != meta.version()) {
      throw new BadVersionException(
          role, "version listed in snapshot", meta.version(), next.signed().version());
    }
    checkNotExpired(next.signed(), role);
    targets.put(role, next);
    delegators.put(role, delegator);
    return next;
  }

  /**
   * The expiry checks of 5.3.10, 5.4.4, 5.5.6 and 5.6.4, made again at {@code time} on every role
   * this set holds (root, timestamp, snapshot, then each targets role in the order it was loaded):
   * what a set kept from an earlier refresh must pass before it is trusted at a later time.
   *
   * @throws ExpiredMetadataException for the first role expired at {@code time}
   */
  public void checkNotExpired(Instant time) {
    checkNotExpired(root.signed(), "root", time);
    if (timestamp != null) {
      checkNotExpired(timestamp.signed(), "timestamp", time);
    }
    if (snapshot != null) {
      checkNotExpired(snapshot.signed(), "snapshot", time);
    }
    targets.forEach((role, loaded) -> checkNotExpired(loaded.signed(), role, time));
  }

  private void refuseSecondDelegator(String role, String delegator) {
    String first = delegators.get(role);
    if (first != null && !first.equals(delegator)) {
      throw new RepositoryException(
          role,
          role
              + " is delegated by both "
              + first
              + " and "
              + delegator
              + ": a role reached through two delegators is refused");
    }
  }

  private void checkFinalSnapshot() {
    checkNotExpired(snapshot.signed(), "snapshot");
    long expected = timestamp.signed().snapshot().version();
    if (snapshot.signed().version() != expected) {
      throw new BadVersionException(
          "snapshot", "version listed in timestamp", expected, snapshot.signed().version());
    }
  }

  private void checkNotExpired(Signed signed, String role) {
    checkNotExpired(signed, role, referenceTime);
  }

  private static void checkNotExpired(Signed signed, String role, Instant time) {
    if (signed.isExpired(time)) {
      throw new ExpiredMetadataException(role, signed.version(), signed.expires());
    }
  }

  private static <T extends Signed> void verify(
      Metadata<T> metadata,
      String role,
      RoleKeys keys,
      Map<String, PublicKey> keyObjects,
      String signer) {
    int valid = metadata.validSignatures(keys, keyObjects);
    if (valid < keys.threshold()) {
      throw new UnsignedMetadataException(role, signer, valid, keys.threshold());
    }
  }

  private static <T extends Signed> Metadata<T> parse(
      String role, byte[] bytes, Function<byte[], Metadata<T>> parser) {
    try {
      return parser.apply(bytes);
    } catch (MetadataFormatException e) {
      throw new RepositoryException(role, "malformed metadata: " + e.getMessage(), e);
    }
  }
}
