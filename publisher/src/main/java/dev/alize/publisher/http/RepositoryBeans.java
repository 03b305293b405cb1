package dev.alize.publisher.http;

import dev.alize.publisher.config.PublisherConfiguration;
import dev.alize.publisher.keys.KeyDirectory;
import dev.alize.publisher.repository.HumanRenewals;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The framework-free classes that serve the repository, as beans. */
@Factory
final class RepositoryBeans {

  @Singleton
  RepositoryFiles repositoryFiles(PublisherConfiguration configuration) {
    return new RepositoryFiles(configuration.repoDir(), new ContentDigests());
  }

  @Singleton
  MetadataExpiries metadataExpiries(PublisherConfiguration configuration) {
    return new MetadataExpiries(configuration.repoDir().resolve(RepositoryArea.METADATA.folder()));
  }

  @Singleton
  HumanRenewals humanRenewals(PublisherConfiguration configuration) {
    return new HumanRenewals(
        configuration.repoDir(), KeyDirectory.fromEnvironment(configuration.keysDir()));
  }
}
