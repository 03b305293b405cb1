package dev.alize.publisher.http;

import dev.alize.common.config.ConfigurationFiles;
import io.micronaut.context.env.AbstractPropertySourceLoader;
import io.micronaut.context.env.PropertySource;
import java.nio.file.Path;

/**
 * The operator's configuration file given to {@code serve --config}, as a property source placed as
 * Micronaut places {@code micronaut.config.files}: above {@code application.properties}, below the
 * environment and what {@code serve} sets from its options.
 */
public final class ConfigurationFile {

  private ConfigurationFile() {}

  /**
   * @throws dev.alize.common.config.ConfigurationFileException when it cannot be read
   */
  public static PropertySource read(Path file) {
    return PropertySource.of(
        "config:" + file,
        ConfigurationFiles.read(file),
        AbstractPropertySourceLoader.DEFAULT_POSITION + 50);
  }
}
