package dev.alize.publisher.http;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalLong;
import org.reactivestreams.Publisher;

/**
 * DOWN while nothing useful is served: the repository's {@code metadata/} folder cannot be read, or
 * its newest root has expired, which every consumer refuses. The files are still served then, so
 * that consumers take the renewed root as soon as it is copied in, and UP comes back with it.
 */
@Singleton
final class RepositoryHealthIndicator implements HealthIndicator {

  private final RepositoryFiles files;
  private final MetadataExpiries expiries;
  private final Clock clock;

  RepositoryHealthIndicator(RepositoryFiles files, MetadataExpiries expiries, Clock clock) {
    this.files = files;
    this.expiries = expiries;
    this.clock = clock;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    Path metadata = files.folder(RepositoryArea.METADATA);
    boolean readable = Files.isDirectory(metadata) && Files.isReadable(metadata);
    OptionalLong root = readable ? expiries.expiresEpochSeconds("root") : OptionalLong.empty();
    boolean rootExpired = root.isPresent() && clock.instant().getEpochSecond() >= root.getAsLong();
    return Publishers.just(
        HealthResult.builder(
                "repository", readable && !rootExpired ? HealthStatus.UP : HealthStatus.DOWN)
            .build());
  }
}
