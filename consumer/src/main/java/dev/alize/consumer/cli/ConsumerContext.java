package dev.alize.consumer.cli;

import dev.alize.consumer.config.ConfigurationException;
import dev.alize.consumer.config.ConsumerProperties;
import dev.alize.consumer.config.RepositoryProperties;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.config.Subscriptions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertiesPropertySourceLoader;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourceLoader;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The consumer's configuration, read the Micronaut way (YAML or properties, overridable by
 * environment variables such as {@code ALIZE_CONSUMER_DATA_DIR}) from the file given by {@code
 * --config}, in an application context that starts no server and no scheduler.
 */
final class ConsumerContext implements AutoCloseable {

  private final ApplicationContext context;
  private final Path base;

  private ConsumerContext(ApplicationContext context, Path base) {
    this.context = context;
    this.base = base;
  }

  static ConsumerContext open(Path config) {
    if (!Files.isRegularFile(config)) {
      throw new ConfigurationException(config + ": no such configuration file");
    }
    ApplicationContext context =
        ApplicationContext.builder()
            .banner(false)
            .deduceEnvironment(false)
            .propertySources(read(config))
            .start();
    Path base = config.toAbsolutePath().getParent();
    return new ConsumerContext(context, base);
  }

  private static PropertySource read(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    PropertySourceLoader loader =
        name.endsWith(".properties")
            ? new PropertiesPropertySourceLoader()
            : new YamlPropertySourceLoader();
    try (InputStream in = Files.newInputStream(file)) {
      Map<String, Object> properties = loader.read(file.toString(), in);
      return PropertySource.of("config:" + file, properties);
    } catch (IOException | RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new ConfigurationException(
          "cannot read the configuration file "
              + file
              + ": "
              + message.strip().lines().findFirst().orElse(""));
    }
  }

  List<Subscription> subscriptions() {
    return Subscriptions.from(context.getBeansOfType(RepositoryProperties.class), base);
  }

  Path dataDir() {
    String configured =
        context.findBean(ConsumerProperties.class).map(ConsumerProperties::dataDir).orElse(null);
    return base.resolve(configured == null ? "alize-data" : configured);
  }

  @Override
  public void close() {
    context.close();
  }
}
