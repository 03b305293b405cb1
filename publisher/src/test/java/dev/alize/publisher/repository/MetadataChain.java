package dev.alize.publisher.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.codec.Hashes;
import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.tuf.MetaFile;
import dev.alize.common.tuf.Metadata;
import dev.alize.common.tuf.RoleKeys;
import dev.alize.common.tuf.RootMetadata;
import dev.alize.common.tuf.Signed;
import dev.alize.common.tuf.SnapshotMetadata;
import dev.alize.common.tuf.TargetFile;
import dev.alize.common.tuf.TargetsMetadata;
import dev.alize.common.tuf.TimestampMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a repository as a client would, with the common TUF classes only: the root chain, each
 * role's signatures against the newest root, timestamp → snapshot → targets, and every target file
 * under its consistent name.
 */
public final class MetadataChain {

  private static final Pattern ROOT = Pattern.compile("(\\d+)\\.root\\.json");

  /** The metadata served, once verified. */
  public record Chain(
      List<Metadata<RootMetadata>> roots,
      Metadata<TimestampMetadata> timestamp,
      Metadata<SnapshotMetadata> snapshot,
      Metadata<TargetsMetadata> targets) {

    public Metadata<RootMetadata> root() {
      return roots.get(roots.size() - 1);
    }

    public RootMetadata rootSigned() {
      return root().signed();
    }

    public TargetFile target(String path) {
      TargetFile target = targets.signed().targets().get(path);
      assertTrue(target != null, () -> path + " is not in " + targets.signed().targets().keySet());
      return target;
    }

    public ReleaseFacts facts(String path) {
      return ReleaseFacts.fromJson(target(path).custom());
    }

    /** Versions of root, targets, snapshot and timestamp, in that order. */
    public List<Long> versions() {
      return List.of(
          rootSigned().version(),
          targets.signed().version(),
          snapshot.signed().version(),
          timestamp.signed().version());
    }
  }

  private MetadataChain() {}

  public static Chain verify(Path repository) {
    return verify(repository, null);
  }

  /** As {@link #verify(Path)}, and none of the four roles is expired at {@code now}. */
  public static Chain verify(Path repository, Instant now) {
    Path metadata = repository.resolve("metadata");
    List<Metadata<RootMetadata>> roots = roots(metadata);
    RootMetadata root = roots.get(roots.size() - 1).signed();
    assertTrue(root.consistentSnapshot(), "consistent_snapshot");
    assertArrayEquals(
        read(metadata.resolve(root.version() + ".root.json")),
        read(metadata.resolve("root.json")),
        "root.json is the newest N.root.json");

    Metadata<TimestampMetadata> timestamp =
        Metadata.timestamp(read(metadata.resolve("timestamp.json")));
    checkSigned(timestamp, root, "timestamp");

    MetaFile snapshotMeta = timestamp.signed().snapshot();
    byte[] snapshotBytes = read(metadata.resolve(snapshotMeta.version() + ".snapshot.json"));
    assertEquals(snapshotMeta.length(), (long) snapshotBytes.length, "snapshot length");
    assertEquals(
        snapshotMeta.hashes().get("sha256"), Hashes.sha256Hex(snapshotBytes), "snapshot sha256");
    Metadata<SnapshotMetadata> snapshot = Metadata.snapshot(snapshotBytes);
    assertEquals(snapshotMeta.version(), snapshot.signed().version(), "snapshot version");
    checkSigned(snapshot, root, "snapshot");

    long targetsVersion = snapshot.signed().meta().get("targets.json").version();
    Metadata<TargetsMetadata> targets =
        Metadata.targets(read(metadata.resolve(targetsVersion + ".targets.json")));
    assertEquals(targetsVersion, targets.signed().version(), "targets version");
    checkSigned(targets, root, "targets");

    Set<Path> listed = new HashSet<>();
    for (TargetFile target : targets.signed().targets().values()) {
      listed.add(checkTarget(repository, target));
    }
    Set<Path> present = archives(repository.resolve("targets"));
    assertEquals(listed, present, "the archives on disk are exactly those listed in targets");

    if (now != null) {
      for (Signed s :
          List.of(root, timestamp.signed(), snapshot.signed(), (Signed) targets.signed())) {
        assertFalse(s.isExpired(now), () -> s.type() + " expired at " + now);
      }
    }
    return new Chain(roots, timestamp, snapshot, targets);
  }

  /** Root 1 signed by itself, and each next root by the previous one's root keys and its own. */
  private static List<Metadata<RootMetadata>> roots(Path metadata) {
    long newest;
    try (Stream<Path> files = Files.list(metadata)) {
      newest =
          files
              .map(f -> ROOT.matcher(f.getFileName().toString()))
              .filter(Matcher::matches)
              .mapToLong(m -> Long.parseLong(m.group(1)))
              .max()
              .orElseThrow(() -> new AssertionError("no N.root.json in " + metadata));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Metadata<RootMetadata>> roots = new java.util.ArrayList<>();
    Metadata<RootMetadata> previous = null;
    for (long v = 1; v <= newest; v++) {
      Metadata<RootMetadata> root = Metadata.root(read(metadata.resolve(v + ".root.json")));
      assertEquals(v, root.signed().version(), v + ".root.json version");
      checkSigned(root, root.signed(), "root");
      if (previous != null) {
        checkSigned(root, previous.signed(), "root");
      }
      roots.add(root);
      previous = root;
    }
    return roots;
  }

  /** Asserts that {@code m} has at least the threshold of valid signatures of {@code role}. */
  static void checkSigned(Metadata<?> m, RootMetadata root, String role) {
    RoleKeys keys = root.role(role);
    int valid = m.validSignatures(keys, root.keys());
    assertTrue(
        valid >= keys.threshold(),
        () ->
            m.signed().type()
                + " v"
                + m.signed().version()
                + " has "
                + valid
                + " valid signature(s) of "
                + role
                + " (root v"
                + root.version()
                + "), needs "
                + keys.threshold());
  }

  private static Path checkTarget(Path repository, TargetFile target) {
    ReleaseFacts facts = ReleaseFacts.fromJson(target.custom());
    String name = facts.datasource() + "-" + facts.version() + ".tar.gz";
    assertEquals(facts.datasource() + "/" + name, target.path(), "target path");
    String sha256 = target.hashes().get("sha256");
    Path file =
        repository.resolve("targets").resolve(facts.datasource()).resolve(sha256 + "." + name);
    assertTrue(Files.isRegularFile(file), () -> file + " is missing");
    byte[] bytes = read(file);
    assertEquals(target.length(), bytes.length, () -> file + " length");
    assertEquals(sha256, Hashes.sha256Hex(bytes), () -> file + " sha256");
    String sha512 = target.hashes().get("sha512");
    if (sha512 != null) {
      assertEquals(
          sha512,
          HexFormat.of().formatHex(Hashes.digest("SHA-512").digest(bytes)),
          () -> file + " sha512");
    }
    return file;
  }

  private static Set<Path> archives(Path targets) {
    if (!Files.isDirectory(targets)) {
      return Set.of();
    }
    try (Stream<Path> files = Files.walk(targets)) {
      return new HashSet<>(files.filter(Files::isRegularFile).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
