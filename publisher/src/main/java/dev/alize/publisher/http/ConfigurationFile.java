package dev.alize.publisher.http;

import io.micronaut.context.env.AbstractPropertySourceLoader;
import io.micronaut.context.env.PropertiesPropertySourceLoader;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourceLoader;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The operator's configuration file given to {@code serve --config}, as a property source placed as
 * Micronaut places {@code micronaut.config.files}: above {@code application.properties}, below the
 * environment and what {@code serve} sets from its options.
 */
final class ConfigurationFile {

  private ConfigurationFile() {}

  /**
   * @throws ServerStartException when it cannot be read, with the reason for the operator
   */
  static PropertySource read(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    PropertySourceLoader loader;
    if (name.endsWith(".yml") || name.endsWith(".yaml")) {
      loader = new YamlPropertySourceLoader();
    } else if (name.endsWith(".properties")) {
      loader = new PropertiesPropertySourceLoader();
    } else {
      throw new ServerStartException(
          file + ": a configuration file is YAML (.yml, .yaml) or properties (.properties)", null);
    }
    Map<String, Object> properties;
    try (InputStream in = Files.newInputStream(file)) {
      properties = loader.read(file.toString(), in);
    } catch (NoSuchFileException e) {
      throw new ServerStartException(file + ": no such configuration file", e);
    } catch (IOException | RuntimeException e) {
      throw new ServerStartException(
          "cannot read the configuration file " + file + ": " + firstLine(e.getMessage()), e);
    }
    return PropertySource.of(
        "config:" + file, properties, AbstractPropertySourceLoader.DEFAULT_POSITION + 50);
  }

  private static String firstLine(String message) {
    return message == null ? "unreadable" : message.strip().lines().findFirst().orElse("");
  }
}
