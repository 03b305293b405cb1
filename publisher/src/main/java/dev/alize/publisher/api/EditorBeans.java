package dev.alize.publisher.api;

import dev.alize.publisher.config.PublisherConfiguration;
import dev.alize.publisher.keys.KeyDirectory;
import dev.alize.publisher.repository.RepositoryEditor;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The repository editor of the running server, on the folders {@code serve} was given. The key
 * passphrase comes from the environment, as for the other commands, and never from configuration.
 */
@Factory
final class EditorBeans {

  @Singleton
  RepositoryEditor repositoryEditor(PublisherConfiguration configuration, Clock clock) {
    return new RepositoryEditor(
        configuration.repoDir(), KeyDirectory.fromEnvironment(configuration.keysDir()), clock);
  }
}
