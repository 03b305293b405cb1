package dev.alize.consumer.sync;

import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.tuf.TargetFile;
import dev.alize.common.verify.MetadataLimits;
import dev.alize.common.verify.RepositoryException;
import dev.alize.common.version.SemanticVersion;
import dev.alize.consumer.config.RepositoryProperties;
import dev.alize.consumer.update.MetadataStore;
import dev.alize.consumer.update.StoredTargets;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The releases that the configured repositories publish, as the last successful sync of each
 * verified their signed metadata: an admin acts only on a release a maintainer signed.
 */
@Singleton
public final class VerifiedReleases {

  private static final Logger LOG = LoggerFactory.getLogger(VerifiedReleases.class);

  private final StatusStore statuses;
  private final List<String> repositories;

  public VerifiedReleases(StatusStore statuses, List<RepositoryProperties> repositories) {
    this.statuses = statuses;
    this.repositories = repositories.stream().map(RepositoryProperties::name).toList();
  }

  /** Whether a configured repository's verified metadata lists this release of this datasource. */
  public boolean lists(String datasource, SemanticVersion version) {
    return repositories.stream().anyMatch(r -> lists(r, datasource, version));
  }

  private boolean lists(String repository, String datasource, SemanticVersion version) {
    RepositoryStatus status = statuses.read(repository);
    if (status.lastSuccess == null) {
      return false;
    }
    List<TargetFile> targets;
    try {
      targets =
          StoredTargets.verified(
              new MetadataStore(statuses.folder().metadata(repository)),
              status.lastSuccess,
              MetadataLimits.DEFAULT);
    } catch (RepositoryException e) {
      // A sync that failed half-way left files the next successful one replaces.
      LOG.warn("{}: its stored metadata does not verify: {}", repository, e.getMessage());
      return false;
    }
    for (TargetFile target : targets) {
      try {
        ReleaseFacts facts = ReleaseFacts.fromJson(target.custom());
        if (facts.datasource().equals(datasource) && facts.version().compareTo(version) == 0) {
          return true;
        }
      } catch (IllegalArgumentException e) {
        // A target without release facts is no release.
      }
    }
    return false;
  }
}
