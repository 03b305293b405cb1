package dev.alize.publisher.http;

import dev.alize.common.crypto.KeyException;
import dev.alize.publisher.persistence.CommandContext;
import dev.alize.publisher.repository.PublishException;
import dev.alize.publisher.repository.RepositoryEditor;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a quiet repository alive: re-signs timestamp (and snapshot, and targets when its key is
 * here) before it expires, so that consumers never see it frozen.
 */
@Singleton
@Requires(notEnv = CommandContext.ENVIRONMENT)
final class ResignJob {

  private static final Logger LOG = LoggerFactory.getLogger(ResignJob.class);

  private final RepositoryEditor editor;

  ResignJob(RepositoryEditor editor) {
    this.editor = editor;
  }

  @Scheduled(
      fixedDelay = "${alize.publisher.refresh-interval:5m}",
      initialDelay = "${alize.publisher.refresh-initial-delay:1s}")
  void run() {
    try {
      List<String> roles = editor.refresh();
      if (!roles.isEmpty()) {
        LOG.info("re-signed {} before expiry", String.join(", ", roles));
      }
    } catch (PublishException | KeyException | UncheckedIOException e) {
      LOG.error(
          "cannot re-sign the repository before it expires; consumers will refuse it once it has:"
              + " {}",
          e.getMessage());
    }
  }
}
