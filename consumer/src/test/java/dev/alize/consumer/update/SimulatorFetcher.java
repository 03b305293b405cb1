package dev.alize.consumer.update;

import dev.alize.common.codec.Hashes;
import dev.alize.common.tuf.TargetFile;
import dev.alize.common.verify.RepositorySimulator;
import dev.alize.consumer.fetch.DownloadException;
import dev.alize.consumer.fetch.FetchResult;
import dev.alize.consumer.fetch.Fetcher;
import dev.alize.consumer.fetch.LengthLimitException;
import dev.alize.consumer.fetch.NotFoundException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves a {@link RepositorySimulator}'s files by URL, as python-tuf's simulator does: {@code
 * N.root.json} for each published root, {@code timestamp.json}, the other roles under {@code
 * N.ROLE.json} or {@code ROLE.json} (the role's current bytes whatever N, so that a repository that
 * lies about versions can be simulated), delegated roles percent-encoded, and targets under {@code
 * dir/HASH.name} or their plain path. Anything else is a 404.
 *
 * <p>Every request is recorded; every body carries an ETag, and a request whose If-None-Match is
 * the current one is answered 304. A URL can be made to misbehave with {@link #misbehave}.
 */
public final class SimulatorFetcher implements Fetcher {

  /** One request as received. */
  public record Request(URI url, long maxLength, String ifNoneMatch) {}

  /** What a URL answers instead of the simulator's file. */
  public sealed interface Misbehaviour
      permits Misbehaviour.Endless,
          Misbehaviour.Bytes,
          Misbehaviour.Failure,
          Misbehaviour.NotModified {

    /** Data without end: cut at the cap, as {@code HttpFetcher} does. */
    record Endless() implements Misbehaviour {}

    /** These bytes instead of the file's. */
    record Bytes(byte[] bytes) implements Misbehaviour {}

    /** A download failure. */
    record Failure(Function<URI, DownloadException> error) implements Misbehaviour {}

    /** A 304, whatever the request. */
    record NotModified() implements Misbehaviour {}
  }

  private static final Pattern VERSIONED = Pattern.compile("([0-9]+)\\.(.+)\\.json");

  private final RepositorySimulator sim;
  private final URI metadataBase;
  private final URI targetsBase;
  private final List<Request> requests = new ArrayList<>();
  private final Map<String, Misbehaviour> misbehaviours = new HashMap<>();

  public SimulatorFetcher(RepositorySimulator sim, URI metadataBase, URI targetsBase) {
    this.sim = sim;
    this.metadataBase = metadataBase;
    this.targetsBase = targetsBase;
  }

  public URI metadataUrl(String name) {
    return metadataBase.resolve(name);
  }

  /** The URL of a target file under consistent snapshots: {@code dir/SHA256.name}. */
  public URI consistentTargetUrl(TargetFile target) {
    String path = target.path();
    int slash = path.lastIndexOf('/');
    String name = path.substring(0, slash + 1) + hash(target) + "." + path.substring(slash + 1);
    return URI.create(targetsBase + PercentEncoding.encodePath(name));
  }

  public void misbehave(URI url, Misbehaviour misbehaviour) {
    misbehaviours.put(decode(url.getRawPath()), misbehaviour);
  }

  public void behave(URI url) {
    misbehaviours.remove(decode(url.getRawPath()));
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requested URLs relative to the metadata or targets base, e.g. {@code 1.snapshot.json}. */
  public List<String> requestedNames() {
    return requests.stream().map(r -> relative(r.url())).toList();
  }

  public void clearRequests() {
    requests.clear();
  }

  /** The entity tag this fetcher gives for a body. */
  public static String etag(byte[] bytes) {
    return "\"" + Hashes.sha256Hex(bytes).substring(0, 16) + "\"";
  }

  @Override
  public FetchResult fetch(URI url, long maxLength, String ifNoneMatch) {
    requests.add(new Request(url, maxLength, ifNoneMatch));
    Misbehaviour misbehaviour = misbehaviours.get(decode(url.getRawPath()));
    byte[] bytes;
    if (misbehaviour instanceof Misbehaviour.Endless) {
      throw new LengthLimitException(url, maxLength);
    } else if (misbehaviour instanceof Misbehaviour.Failure failure) {
      throw failure.error().apply(url);
    } else if (misbehaviour instanceof Misbehaviour.NotModified) {
      return new FetchResult.NotModified();
    } else if (misbehaviour instanceof Misbehaviour.Bytes replaced) {
      bytes = replaced.bytes().clone();
    } else {
      bytes = file(url).orElseThrow(() -> new NotFoundException(url, 404));
    }
    if (bytes.length > maxLength) {
      throw new LengthLimitException(url, maxLength);
    }
    String etag = etag(bytes);
    if (etag.equals(ifNoneMatch)) {
      return new FetchResult.NotModified();
    }
    return new FetchResult.Body(bytes, etag);
  }

  private Optional<byte[]> file(URI url) {
    String raw = url.getRawPath();
    if (raw.startsWith(metadataBase.getRawPath())) {
      return metadata(raw.substring(metadataBase.getRawPath().length()));
    }
    if (raw.startsWith(targetsBase.getRawPath())) {
      return target(decode(raw.substring(targetsBase.getRawPath().length())));
    }
    return Optional.empty();
  }

  private Optional<byte[]> metadata(String name) {
    if (name.equals("timestamp.json")) {
      return Optional.of(sim.metadata("timestamp"));
    }
    Matcher versioned = VERSIONED.matcher(name);
    String role;
    if (versioned.matches()) {
      role = decode(versioned.group(2));
      if (role.equals("root")) {
        try {
          return Optional.of(sim.rootBytes(Long.parseLong(versioned.group(1))));
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }
    } else if (name.endsWith(".json")) {
      role = decode(name.substring(0, name.length() - ".json".length()));
    } else {
      return Optional.empty();
    }
    if (role.equals("root") || role.equals("timestamp")) {
      return Optional.empty();
    }
    try {
      return Optional.of(sim.metadata(role));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private Optional<byte[]> target(String path) {
    List<RepositorySimulator.Role> roles = new ArrayList<>();
    roles.add(sim.targets);
    sim.delegatedRoleNames().forEach(name -> roles.add(sim.role(name)));
    for (RepositorySimulator.Role role : roles) {
      for (TargetFile target : role.targets.values()) {
        String consistent = decode(relative(consistentTargetUrl(target)));
        if (path.equals(target.path()) || path.equals(consistent)) {
          return Optional.of(sim.targetFile(target.path()));
        }
      }
    }
    return Optional.empty();
  }

  private String relative(URI url) {
    String raw = url.getRawPath();
    for (URI base : List.of(metadataBase, targetsBase)) {
      if (raw.startsWith(base.getRawPath())) {
        return raw.substring(base.getRawPath().length());
      }
    }
    return raw;
  }

  private static String hash(TargetFile target) {
    return target.hashes().values().iterator().next();
  }

  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
