package dev.alize.consumer.config;

import dev.alize.common.config.ConfigurationFiles;
import io.micronaut.context.env.AbstractPropertySourceLoader;
import io.micronaut.context.env.PropertySource;
import java.nio.file.Path;

/**
 * The consumer's configuration file ({@code --config}) as a Micronaut property source, placed as
 * Micronaut places {@code micronaut.config.files}: below environment variables and system
 * properties, so that {@code ALIZE_CONSUMER_...} variables override it.
 */
public final class ConfigurationFile {

  /** How the property source's name starts, before the file's path. */
  static final String SOURCE_PREFIX = "config:";

  private ConfigurationFile() {}

  /**
   * @throws dev.alize.common.config.ConfigurationFileException when it cannot be read
   */
  public static PropertySource read(Path file) {
    return PropertySource.of(
        SOURCE_PREFIX + file,
        ConfigurationFiles.read(file),
        AbstractPropertySourceLoader.DEFAULT_POSITION + 50);
  }
}
