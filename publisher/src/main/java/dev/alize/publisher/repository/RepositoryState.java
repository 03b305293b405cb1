package dev.alize.publisher.repository;

import dev.alize.common.tuf.Metadata;
import dev.alize.common.tuf.MetadataFormatException;
import dev.alize.common.tuf.RootMetadata;
import dev.alize.common.tuf.SnapshotMetadata;
import dev.alize.common.tuf.TargetsMetadata;
import dev.alize.common.tuf.TimestampMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The metadata a repository serves now: the newest root, and the chain timestamp → snapshot →
 * targets that {@code timestamp.json} points to. Files written by an interrupted change but never
 * reached from {@code timestamp.json} are not part of it.
 */
record RepositoryState(
    RepositoryLayout layout,
    Metadata<RootMetadata> root,
    Metadata<TimestampMetadata> timestamp,
    Metadata<SnapshotMetadata> snapshot,
    Metadata<TargetsMetadata> targets) {

  private static final Pattern VERSIONED =
      Pattern.compile("(\\d+)\\.(root|snapshot|targets)\\.json");

  static RepositoryState load(RepositoryLayout layout) {
    requireRepository(layout);
    try {
      long rootVersion = highestVersion(layout, "root");
      if (rootVersion == 0) {
        throw new PublishException(layout.metadata() + " holds no N.root.json: not a repository");
      }
      Metadata<RootMetadata> root = Metadata.root(read(layout, rootVersion + ".root.json"));
      Metadata<TimestampMetadata> timestamp = Metadata.timestamp(read(layout, "timestamp.json"));
      long snapshotVersion = timestamp.signed().snapshot().version();
      Metadata<SnapshotMetadata> snapshot =
          Metadata.snapshot(read(layout, snapshotVersion + ".snapshot.json"));
      long targetsVersion = snapshot.signed().meta().get("targets.json").version();
      Metadata<TargetsMetadata> targets =
          Metadata.targets(read(layout, targetsVersion + ".targets.json"));
      return new RepositoryState(layout, root, timestamp, snapshot, targets);
    } catch (MetadataFormatException e) {
      throw new PublishException(
          "the repository in " + layout.root() + " is damaged: " + e.getMessage(), e);
    }
  }

  static void requireRepository(RepositoryLayout layout) {
    if (!Files.isDirectory(layout.metadata())) {
      throw new PublishException(
          layout.root() + " is not a repository (no metadata/ folder): run 'publisher init' first");
    }
  }

  /**
   * The next version of a versioned role: above every file ever written, so that a number published
   * by an interrupted change (and maybe cached by a mirror) is never reused.
   */
  long nextVersion(String role) {
    return highestVersion(layout, role) + 1;
  }

  static long highestVersion(RepositoryLayout layout, String role) {
    try (Stream<Path> files = Files.list(layout.metadata())) {
      return files
          .map(f -> VERSIONED.matcher(f.getFileName().toString()))
          .filter(Matcher::matches)
          .filter(m -> m.group(2).equals(role))
          .mapToLong(m -> Long.parseLong(m.group(1)))
          .max()
          .orElse(0);
    } catch (IOException e) {
      throw new PublishException("cannot list " + layout.metadata() + ": " + e.getMessage(), e);
    }
  }

  private static byte[] read(RepositoryLayout layout, String name) {
    Path file = layout.metadataFile(name);
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new PublishException("the repository is damaged: " + file + " is missing", e);
    } catch (IOException e) {
      throw new PublishException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
