package dev.alize.publisher.cli;

import dev.alize.common.tuf.Metadata;
import dev.alize.common.tuf.RootMetadata;
import dev.alize.common.tuf.TargetFile;
import dev.alize.common.tuf.TargetsMetadata;
import dev.alize.common.verify.LengthAndHashes;
import dev.alize.common.verify.TrustedMetadataSet;
import dev.alize.publisher.repository.RepositoryLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A repository folder as a consumer sees it: read from a trusted root through the consumers' own
 * state machine ({@link TrustedMetadataSet}), following root versions, then timestamp, snapshot and
 * targets, and every target checked against its length and hashes.
 */
record VerifiedRepository(
    RootMetadata root, Map<String, TargetFile> targets, Map<String, Instant> expiry) {

  /**
   * @throws dev.alize.common.verify.RepositoryException when a client would refuse the repository
   */
  static VerifiedRepository read(Path repository, byte[] trustedRoot, Instant now) {
    RepositoryLayout layout = new RepositoryLayout(repository);
    TrustedMetadataSet trusted = new TrustedMetadataSet(trustedRoot, now);
    for (long v = trusted.root().signed().version() + 1;
        Files.exists(layout.metadataFile(v + ".root.json"));
        v++) {
      trusted.updateRoot(read(layout.metadataFile(v + ".root.json")));
    }
    trusted.updateTimestamp(read(layout.metadataFile("timestamp.json")));
    long snapshot = trusted.timestamp().orElseThrow().signed().snapshot().version();
    trusted.updateSnapshot(read(layout.metadataFile(snapshot + ".snapshot.json")), false);
    long targets = trusted.snapshot().orElseThrow().signed().meta().get("targets.json").version();
    Metadata<TargetsMetadata> top =
        trusted.updateTargets(read(layout.metadataFile(targets + ".targets.json")));
    for (TargetFile target : top.signed().targets().values()) {
      Path file = layout.targetFile(target.path(), target.hashes().get("sha256"));
      try {
        LengthAndHashes.verify(target.path(), file, target.length(), target.hashes());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    Map<String, Instant> expiry =
        Map.of(
            "root", trusted.root().signed().expires(),
            "targets", top.signed().expires(),
            "snapshot", trusted.snapshot().orElseThrow().signed().expires(),
            "timestamp", trusted.timestamp().orElseThrow().signed().expires());
    return new VerifiedRepository(trusted.root().signed(), top.signed().targets(), expiry);
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
