package dev.alize.publisher.api;

import dev.alize.common.datasource.DatasourceLoader;
import dev.alize.common.datasource.DirectorySourceTree;
import dev.alize.common.io.TemporaryFolder;
import dev.alize.common.release.Channel;
import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.version.SemanticVersion;
import dev.alize.publisher.config.ApiConfiguration;
import dev.alize.publisher.repository.ReleaseRequest;
import dev.alize.publisher.repository.ReleaseResult;
import dev.alize.publisher.repository.RepositoryEditor;
import dev.alize.publisher.repository.RepositoryView;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the write API does, on the repository editor: unpack and check an upload, then release it as
 * the command line releases a folder; move releases through their life. The editor's lock
 * serialises every change, across threads and processes, so that concurrent calls never lose one
 * another's work.
 */
@Singleton
final class PublishingService {

  private static final Logger LOG = LoggerFactory.getLogger(PublishingService.class);

  private final RepositoryEditor editor;
  private final long maxUploadBytes;
  private final DatasourceLoader loader = new DatasourceLoader();
  private final UploadedDatasource uploads = new UploadedDatasource();

  PublishingService(RepositoryEditor editor, ApiConfiguration configuration) {
    this.editor = editor;
    this.maxUploadBytes = configuration.maxUploadBytes();
  }

  /**
   * Releases the tar.gz in {@code body} as datasource {@code name}.
   *
   * @param declaredLength the request's Content-Length, -1 when not given
   */
  ReleaseResult release(
      String name, ReleaseParameters asked, long declaredLength, InputStream body, String actor) {
    if (declaredLength > maxUploadBytes) {
      throw new ApiException(
          HttpStatus.REQUEST_ENTITY_TOO_LARGE, UploadLimit.message(maxUploadBytes));
    }
    if (body == null) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST, "the body must be the datasource as a tar.gz archive");
    }
    ReleaseResult result;
    // Unpacked to disk and deleted whatever the outcome; released from there as a folder is.
    try (TemporaryFolder folder = TemporaryFolder.create(editor.layout().uploads(), name + "-")) {
      DirectorySourceTree tree = uploads.unpack(name, body, maxUploadBytes, folder.path());
      // Told before the whole tree is read, from its datasource.yaml alone.
      Optional<String> found = loader.name(tree);
      if (found.isPresent() && !found.get().equals(name)) {
        throw new ApiException(
            HttpStatus.BAD_REQUEST,
            "the archive holds datasource '"
                + found.get()
                + "' (its datasource.yaml), not '"
                + name
                + "'");
      }
      result =
          editor.release(
              new ReleaseRequest(
                  tree,
                  asked.version(),
                  asked.channel(),
                  asked.classification(),
                  asked.notes(),
                  asked.forceReason(),
                  asked.rollout(),
                  actor));
    }
    LOG.info("{} released {} {} to {}", actor, name, asked.version(), result.facts().channel());
    return result;
  }

  ReleaseFacts promote(
      String name, SemanticVersion version, Channel channel, String rollout, String actor) {
    ReleaseFacts facts = editor.promote(name, version, channel, rollout, actor);
    LOG.info("{} promoted {} {} to {}", actor, name, version, channel);
    return facts;
  }

  ReleaseFacts rollout(String name, SemanticVersion version, String plan, String actor) {
    ReleaseFacts facts = editor.rollout(name, version, plan, actor);
    LOG.info("{} set the rollout of {} {}: {}", actor, name, version, facts.rollout().describe());
    return facts;
  }

  ReleaseFacts halt(String name, SemanticVersion version, String reason, String actor) {
    ReleaseFacts facts = editor.halt(name, version, reason, actor);
    LOG.info("{} halted the rollout of {} {}", actor, name, version);
    return facts;
  }

  ReleaseFacts resume(String name, SemanticVersion version, String actor) {
    ReleaseFacts facts = editor.resume(name, version, actor);
    LOG.info("{} resumed the rollout of {} {}", actor, name, version);
    return facts;
  }

  ReleaseFacts reject(String name, SemanticVersion version, String reason, String actor) {
    ReleaseFacts facts = editor.reject(name, version, reason, actor);
    LOG.info("{} rejected {} {}", actor, name, version);
    return facts;
  }

  ReleaseFacts deprecate(String name, SemanticVersion version, String reason, String actor) {
    ReleaseFacts facts = editor.deprecate(name, version, reason, actor);
    LOG.info("{} deprecated {} {}", actor, name, version);
    return facts;
  }

  ReleaseFacts revoke(String name, SemanticVersion version, String reason, String actor) {
    ReleaseFacts facts = editor.revoke(name, version, reason, actor);
    LOG.info("{} revoked {} {}", actor, name, version);
    return facts;
  }

  RepositoryView view() {
    return editor.view();
  }
}
