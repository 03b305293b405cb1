package dev.alize.publisher.repository;

import dev.alize.common.tuf.RootMetadata;
import dev.alize.publisher.keys.KeyDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a change killed part-way leaves, cleared by the next change under the repository lock: the
 * temporary files of writes cut before their rename; the keys of a rotation cut before or after its
 * new root, and the root.json it had not yet copied; and the audit entry of a change cut after it
 * took effect. The repository served is valid throughout; this makes the folders what an uncut
 * change leaves.
 */
final class Leftovers {

  private Leftovers() {}

  static void clear(
      RepositoryLayout layout,
      RepositoryState s,
      KeyDirectory keys,
      AuditLog audit,
      ServedFiles served) {
    // The folder itself holds the settings and the audit log's pending entry, written so too.
    deleteTemporaryFiles(layout.root(), 1);
    deleteTemporaryFiles(layout.metadata(), 1);
    deleteTemporaryFiles(layout.targets(), Integer.MAX_VALUE);
    RootMetadata root = s.root().signed();
    for (String role : RootMetadata.TOP_LEVEL_ROLES) {
      deleteTemporaryFiles(keys.path().resolve(role), 1);
      keys.retireAllBut(role, root.role(role).keyIds());
    }
    Path rootCopy = layout.metadataFile("root.json");
    if (!Arrays.equals(readIfPresent(rootCopy), s.root().raw())) {
      served.write(rootCopy, s.root().raw());
    }
    audit.settle(RepositoryEditor.versions(s));
  }

  private static byte[] readIfPresent(Path file) {
    try {
      return Files.exists(file) ? Files.readAllBytes(file) : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Removes the files of writes killed before their rename (see {@code AtomicFiles}). */
  private static void deleteTemporaryFiles(Path dir, int depth) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> temporary;
    try (Stream<Path> files = Files.walk(dir, depth)) {
      temporary = files.filter(Leftovers::isTemporary).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    for (Path file : temporary) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + file, e);
      }
    }
  }

  private static boolean isTemporary(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(file);
  }
}
