package dev.alize.consumer.config;

import io.micronaut.context.env.AbstractPropertySourceLoader;
import io.micronaut.context.env.PropertiesPropertySourceLoader;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourceLoader;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The consumer's configuration file ({@code --config}) as a Micronaut property source: YAML, or
 * properties for a {@code .properties} file. It is placed as Micronaut places its configuration
 * files, below environment variables and system properties, so that {@code ALIZE_CONSUMER_...}
 * variables override it.
 */
public final class ConfigurationFile {

  private ConfigurationFile() {}

  /**
   * @throws ConfigurationException when it cannot be read
   */
  public static PropertySource read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigurationException(file + ": no such configuration file");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    PropertySourceLoader loader =
        name.endsWith(".properties")
            ? new PropertiesPropertySourceLoader()
            : new YamlPropertySourceLoader();
    try (InputStream in = Files.newInputStream(file)) {
      Map<String, Object> properties = loader.read(file.toString(), in);
      return PropertySource.of(
          "config:" + file, properties, AbstractPropertySourceLoader.DEFAULT_POSITION);
    } catch (IOException | RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new ConfigurationException(
          "cannot read the configuration file "
              + file
              + ": "
              + message.strip().lines().findFirst().orElse(""));
    }
  }
}
