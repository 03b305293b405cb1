package dev.alize.consumer.update;

import dev.alize.common.tuf.MetaFile;
import dev.alize.common.tuf.Metadata;
import dev.alize.common.tuf.RootMetadata;
import dev.alize.common.tuf.RootRotation;
import dev.alize.common.tuf.TargetFile;
import dev.alize.common.tuf.TargetsMetadata;
import dev.alize.common.verify.ExpiredMetadataException;
import dev.alize.common.verify.MetadataLimits;
import dev.alize.common.verify.RepositoryException;
import dev.alize.common.verify.TimestampUpdate;
import dev.alize.common.verify.TrustedMetadataSet;
import dev.alize.consumer.fetch.DownloadException;
import dev.alize.consumer.fetch.FetchResult;
import dev.alize.consumer.fetch.Fetcher;
import dev.alize.consumer.fetch.NotFoundException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The TUF client of one repository: loads the trusted metadata, fetches what is newer through the
 * {@link Fetcher} within each file's size cap, hands the bytes to the {@link TrustedMetadataSet},
 * and stores a file only after the state machine accepted it, as the exact bytes received. Targets
 * are downloaded only after their metadata verified, and checked before anything reads them.
 *
 * <p>What a complete refresh verified is kept in {@link VerifiedMetadata}: the next refresh asks
 * for the timestamp, conditionally, and reuses it when the answer is "not modified", the stored
 * files unchanged and nothing in it expired; otherwise it verifies the stored files again as the
 * first refresh did, asking nothing twice. Such a refresh asks for the next root only when the last
 * answer about it is {@link #ROOT_CHECK_INTERVAL} old: the client workflow asks for it first (5.3)
 * so that no metadata is verified with keys a newer root revoked, and an unchanged timestamp brings
 * no metadata to verify. A timestamp that did change is verified only after the root update, as the
 * workflow orders it; it was merely received first.
 */
public final class Updater {

  /**
   * How long an unchanged poll trusts the last answer that there is no newer root: a rotation that
   * comes with no new timestamp (of the root's own keys, or of keys no published metadata uses yet)
   * is followed within this time; one that comes with a new timestamp, at once.
   */
  public static final Duration ROOT_CHECK_INTERVAL = Duration.ofDays(1);

  private final URI metadataBase;
  private final URI targetsBase;
  private final MetadataStore store;
  private final TargetCache cache;
  private final Fetcher fetcher;
  private final Clock clock;
  private final MetadataLimits limits;
  private final EtagStore etags;
  private final VerifiedMetadata verified;
  private TrustedMetadataSet trusted;
  private boolean complete;
  private VerifiedMetadata.Entry reused;
  private boolean saved;

  /** When this refresh was told there is no newer root; {@link Instant#MIN} when it was not. */
  private Instant noNewerRoot;

  /** What the mirror answered a request already made: given again rather than asked twice. */
  private record Answer(String etag, FetchResult result) {}

  private final Map<URI, Answer> answered = new HashMap<>();
  private Optional<RootRotation> rotation = Optional.empty();

  /**
   * @param metadataBase the URL that {@code N.root.json} and {@code timestamp.json} are under
   * @param targetsBase the URL that targets are under
   * @param etags where the timestamp's entity tag is kept between runs, for conditional requests
   * @param verified what earlier refreshes verified, shared by the updaters of a process
   */
  public Updater(
      URI metadataBase,
      URI targetsBase,
      MetadataStore store,
      TargetCache cache,
      Fetcher fetcher,
      Clock clock,
      MetadataLimits limits,
      EtagStore etags,
      VerifiedMetadata verified) {
    this.metadataBase = withSlash(metadataBase);
    this.targetsBase = targetsBase == null ? null : withSlash(targetsBase);
    this.store = store;
    this.cache = cache;
    this.fetcher = fetcher;
    this.clock = clock;
    this.limits = limits;
    this.etags = etags;
    this.verified = verified;
  }

  /**
   * The client workflow up to the top-level targets (spec 5.1 to 5.6.6).
   *
   * @return whether anything new was stored: false means the trusted metadata is what the last
   *     complete refresh left
   * @throws RepositoryException when metadata is refused
   * @throws dev.alize.consumer.fetch.DownloadException when it cannot be fetched
   */
  public RefreshOutcome refresh() {
    Instant now = clock.instant();
    noNewerRoot = Instant.MIN;
    complete = false;
    reused = null;
    saved = false;
    rotation = Optional.empty();
    answered.clear();
    Optional<VerifiedMetadata.Entry> last = verified.find(store, metadataBase, store.fingerprint());
    Optional<VerifiedMetadata.Entry> unchanged = last.flatMap(entry -> nothingNew(entry, now));
    if (unchanged.isPresent()) {
      reused = unchanged.get();
      trusted = reused.trusted();
      complete = true;
      return new RefreshOutcome(trusted, false);
    }
    byte[] root =
        store
            .read("root")
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no trusted root in "
                            + store.dir()
                            + ": initialise it with the trust anchor first"));
    trusted = new TrustedMetadataSet(root, now);
    RootMetadata before = trusted.root().signed();
    if (updateRoot()) {
      noNewerRoot = now;
    }
    rotation = RootRotation.between(before, trusted.root().signed());
    updateTimestamp();
    updateSnapshot();
    updateTargets("targets", "root");
    complete = true;
    return new RefreshOutcome(trusted, saved);
  }

  /**
   * {@code last}, when it is still what to trust at {@code now}: nothing in it expired (else the
   * full refresh fails, or recovers from newer metadata, as it would have without it), the
   * timestamp not modified (5.4), asked as the full refresh would ask, and, when the last answer
   * about it is {@link #ROOT_CHECK_INTERVAL} old, no root N+1 (5.3); then with the time of that
   * answer. Any answer received is kept for the full refresh otherwise.
   */
  private Optional<VerifiedMetadata.Entry> nothingNew(VerifiedMetadata.Entry last, Instant now) {
    try {
      last.trusted().checkNotExpired(now);
    } catch (ExpiredMetadataException e) {
      return Optional.empty();
    }
    URI timestamp = metadataUrl("timestamp.json");
    String etag = etags.find(timestamp.toString()).orElse(null);
    FetchResult result = fetcher.fetch(timestamp, limits.timestampMaxBytes(), etag);
    answered.put(timestamp, new Answer(etag, result));
    if (!(result instanceof FetchResult.NotModified)) {
      return Optional.empty();
    }
    if (now.isBefore(last.rootChecked().plus(ROOT_CHECK_INTERVAL))) {
      return Optional.of(last);
    }
    URI root = metadataUrl((last.trusted().root().signed().version() + 1) + ".root.json");
    try {
      answered.put(root, new Answer(null, fetcher.fetch(root, limits.rootMaxBytes(), null)));
      return Optional.empty();
    } catch (NotFoundException e) {
      VerifiedMetadata.Entry checked = last.withRootChecked(now);
      verified.keep(store, metadataBase, checked);
      return Optional.of(checked);
    }
  }

  /** The answer already received to this request, else the mirror's. */
  private FetchResult fetch(URI url, long maxLength, String etag) {
    Answer answer = answered.remove(url);
    // A whole body answers the request with or without its condition; "not modified" only the same.
    if (answer != null
        && (answer.result() instanceof FetchResult.Body || Objects.equals(answer.etag(), etag))) {
      return answer.result();
    }
    return fetcher.fetch(url, maxLength, etag);
  }

  /**
   * The root rotation the last refresh followed, if any: known (and the new root stored) even when
   * a later step of that refresh was refused.
   */
  public Optional<RootRotation> rotation() {
    return rotation;
  }

  public TrustedMetadataSet trusted() {
    if (trusted == null) {
      throw new IllegalStateException("refresh first");
    }
    return trusted;
  }

  private void save(String role, byte[] bytes) {
    store.write(role, bytes);
    saved = true;
  }

  /**
   * 5.3: every newer root version in turn, up to the rotation limit.
   *
   * @return whether the mirror answered that there is no newer one, rather than the limit ending it
   */
  private boolean updateRoot() {
    long first = trusted.root().signed().version() + 1;
    for (long version = first; version < first + limits.maxRootRotations(); version++) {
      URI url = metadataUrl(version + ".root.json");
      FetchResult result;
      try {
        result = fetch(url, limits.rootMaxBytes(), null);
      } catch (NotFoundException e) {
        return true;
      }
      if (!(result instanceof FetchResult.Body body)) {
        throw new DownloadException(url, "answered 304 to an unconditional request");
      }
      byte[] bytes = body.bytes();
      trusted.updateRoot(bytes);
      save("root", bytes);
    }
    return false;
  }

  /** 5.4: the timestamp, conditionally, after the local copy protects against a rollback. */
  private void updateTimestamp() {
    Optional<byte[]> local = store.read("timestamp");
    boolean localTrusted = false;
    if (local.isPresent()) {
      try {
        trusted.updateTimestamp(local.get());
        localTrusted = true;
      } catch (RepositoryException e) {
        // Expired, or signed by keys root no longer lists (a fast-forward recovery): start over.
      }
    }
    URI url = metadataUrl("timestamp.json");
    String etag = localTrusted ? etags.find(url.toString()).orElse(null) : null;
    FetchResult result = fetch(url, limits.timestampMaxBytes(), etag);
    if (result instanceof FetchResult.Body body) {
      TimestampUpdate update = trusted.updateTimestamp(body.bytes());
      if (update == TimestampUpdate.UPDATED) {
        save("timestamp", body.bytes());
      }
      etags.put(url.toString(), body.etag());
      return;
    }
    if (!localTrusted) {
      throw new RepositoryException(
          "timestamp", "the server answered 304 to a request without a copy");
    }
    // 304: the local copy, verified and unexpired above, is the current one.
  }

  /** 5.5: the snapshot the timestamp names, from the local copy when it is that one. */
  private void updateSnapshot() {
    MetaFile meta = trusted.timestamp().orElseThrow().signed().snapshot();
    Optional<byte[]> local = store.read("snapshot");
    if (local.isPresent()) {
      try {
        trusted.updateSnapshot(local.get(), true);
        return;
      } catch (RepositoryException e) {
        // Not the current one: the new one is fetched below, checked against this one if kept.
      }
    }
    long max = meta.findLength().orElse(limits.snapshotMaxBytes());
    byte[] bytes = fetcher.fetch(metadataUrl(versioned("snapshot", meta.version())), max);
    trusted.updateSnapshot(bytes, false);
    save("snapshot", bytes);
  }

  /** 5.6: a targets role as the snapshot lists it, from the local copy when it is that one. */
  private Metadata<TargetsMetadata> updateTargets(String role, String delegator) {
    // Verified already, and by this delegator's keys: never on another delegator's word.
    Optional<Metadata<TargetsMetadata>> loaded = trusted.targets(role, delegator);
    if (loaded.isPresent()) {
      return loaded.get();
    }
    MetaFile meta =
        trusted
            .snapshot()
            .orElseThrow()
            .signed()
            .findRole(role)
            .orElseThrow(
                () -> new RepositoryException(role, "snapshot does not list " + role + ".json"));
    Optional<byte[]> local = store.read(role);
    if (local.isPresent()) {
      try {
        return trusted.updateDelegatedTargets(local.get(), role, delegator);
      } catch (RepositoryException e) {
        // Not the current version: fetch it.
      }
    }
    long max = meta.findLength().orElse(limits.targetsMaxBytes());
    byte[] bytes = fetcher.fetch(metadataUrl(versioned(role, meta.version())), max);
    Metadata<TargetsMetadata> verified = trusted.updateDelegatedTargets(bytes, role, delegator);
    save(role, bytes);
    return verified;
  }

  /** 5.6.7: finds a target by a search of the delegations; see {@link TargetSearch#find}. */
  public Optional<TargetFile> findTarget(String path) {
    return search().find(path);
  }

  /**
   * Every target the delegation graph vouches for; see {@link TargetSearch#all}. After a complete
   * refresh, what it verified is kept for the next one.
   */
  public List<TargetFile> allTargets() {
    if (reused != null) {
      return reused.targets();
    }
    List<TargetFile> all = search().all();
    if (complete) {
      verified.keep(
          store,
          metadataBase,
          new VerifiedMetadata.Entry(store.fingerprint(), trusted, all, noNewerRoot));
    }
    return all;
  }

  private TargetSearch search() {
    trusted();
    return new TargetSearch(
        (role, delegator) -> updateTargets(role, delegator).signed(), limits.maxDelegations());
  }

  /** The verified local copy of a target, downloading it only when the cache lacks it. */
  public Path download(TargetFile target) {
    Optional<Path> cached = cache.find(target);
    if (cached.isPresent()) {
      return cached.get();
    }
    if (targetsBase == null) {
      throw new IllegalStateException("no targets URL configured");
    }
    URI url = targetUrl(target);
    return cache.store(target, out -> fetcher.fetchTo(url, target.length(), out));
  }

  private URI targetUrl(TargetFile target) {
    String path = target.path();
    if (trusted().root().signed().consistentSnapshot()) {
      int slash = path.lastIndexOf('/');
      String hash = target.hashes().values().iterator().next();
      path = path.substring(0, slash + 1) + hash + "." + path.substring(slash + 1);
    }
    return URI.create(targetsBase + PercentEncoding.encodePath(path));
  }

  private String versioned(String role, long version) {
    String name = PercentEncoding.encode(role) + ".json";
    return trusted.root().signed().consistentSnapshot() ? version + "." + name : name;
  }

  private URI metadataUrl(String name) {
    return metadataBase.resolve(name);
  }

  private static URI withSlash(URI uri) {
    String s = uri.toString();
    return s.endsWith("/") ? uri : URI.create(s + "/");
  }
}
