package dev.alize.publisher.http;

import dev.alize.common.tuf.TufTime;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
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
    if (!Files.isDirectory(metadata) || !Files.isReadable(metadata)) {
      return result(HealthStatus.DOWN, Map.of());
    }
    OptionalLong root = expiries.expiresEpochSeconds("root");
    if (root.isPresent() && clock.instant().getEpochSecond() >= root.getAsLong()) {
      return result(
          HealthStatus.DOWN,
          Map.of("root", "expired on " + TufTime.format(Instant.ofEpochSecond(root.getAsLong()))));
    }
    return result(HealthStatus.UP, Map.of());
  }

  private static Publisher<HealthResult> result(HealthStatus status, Map<String, String> details) {
    HealthResult.Builder builder = HealthResult.builder("repository", status);
    return Publishers.just(details.isEmpty() ? builder.build() : builder.details(details).build());
  }
}
