package dev.alize.publisher.http;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import org.reactivestreams.Publisher;

/**
 * DOWN while the repository's {@code metadata/} folder cannot be read: nothing useful is served.
 */
@Singleton
final class RepositoryHealthIndicator implements HealthIndicator {

  private final RepositoryFiles files;

  RepositoryHealthIndicator(RepositoryFiles files) {
    this.files = files;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    Path metadata = files.folder(RepositoryArea.METADATA);
    boolean readable = Files.isDirectory(metadata) && Files.isReadable(metadata);
    return Publishers.just(
        HealthResult.builder("repository", readable ? HealthStatus.UP : HealthStatus.DOWN).build());
  }
}
