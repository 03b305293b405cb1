package dev.alize.consumer.sync;

import dev.alize.common.codec.Hashes;
import dev.alize.common.release.ChangeSummary;
import dev.alize.common.release.Channel;
import dev.alize.common.release.Classification;
import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.tuf.TargetFile;
import dev.alize.common.verify.RepositorySimulator;
import dev.alize.common.version.Bump;
import dev.alize.common.version.SemanticVersion;
import dev.alize.consumer.config.DataFolder;
import dev.alize.consumer.update.MetadataStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Leaves in a data folder what a successful sync of a repository leaves: signed metadata whose
 * targets are the releases given, verified at {@code syncedAt}. Each call replaces what the last
 * one left, signed by new keys.
 */
public final class SyncedReleases {

  private SyncedReleases() {}

  /**
   * @param releases as {@code NAME VERSION}: {@code "eole 2.0.0"}
   */
  public static void store(
      DataFolder folder, String repository, Instant syncedAt, String... releases) {
    RepositorySimulator sim = new RepositorySimulator();
    for (String release : releases) {
      String[] parts = release.split(" ");
      SemanticVersion version = SemanticVersion.parse(parts[1]);
      ReleaseFacts facts =
          new ReleaseFacts(
              parts[0],
              version,
              Channel.STABLE,
              syncedAt,
              Classification.STANDARD,
              null,
              ChangeSummary.of(null, Bump.NONE, List.of(), List.of(), List.of()),
              null);
      byte[] content = release.getBytes(StandardCharsets.UTF_8);
      String path = ReleaseFacts.targetPath(parts[0], version);
      sim.targets.targets.put(
          path,
          new TargetFile(
              path, content.length, Map.of("sha256", Hashes.sha256Hex(content)), facts.toJson()));
    }
    sim.updateSnapshot();
    MetadataStore store = new MetadataStore(folder.metadata(repository));
    for (String role : List.of("root", "timestamp", "snapshot", "targets")) {
      store.write(role, sim.metadata(role));
    }
    StatusStore statuses = new StatusStore(folder);
    RepositoryStatus status = statuses.read(repository);
    status.lastSuccess = syncedAt;
    statuses.write(repository, status);
  }
}
