package dev.alize.consumer.cli;

import dev.alize.consumer.app.ConsumerApplication;
import dev.alize.consumer.config.ConsumerProperties;
import dev.alize.consumer.config.DataFolder;
import dev.alize.consumer.config.RepositoryProperties;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.config.Subscriptions;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A command's application context: the configuration read the Micronaut way (YAML or properties,
 * overridable by environment variables such as {@code ALIZE_CONSUMER_DATA_DIR}) from the file
 * {@link ConfigOption} finds, or from the environment alone, the database and the services over it.
 */
final class ConsumerContext implements AutoCloseable {

  private final ApplicationContext context;
  private final Path base;

  private ConsumerContext(ApplicationContext context, Path base) {
    this.context = context;
    this.base = base;
  }

  static ConsumerContext open(Optional<Path> config) {
    return open(config, ConsumerApplication.Role.COMMAND);
  }

  /**
   * @param config the configuration file, or empty for the environment alone: relative paths are
   *     then relative to the current folder
   */
  static ConsumerContext open(Optional<Path> config, ConsumerApplication.Role role) {
    return config
        .map(
            file ->
                new ConsumerContext(
                    ConsumerApplication.start(file, role), file.toAbsolutePath().getParent()))
        .orElseGet(
            () ->
                new ConsumerContext(
                    ConsumerApplication.startFromEnvironment(role), Path.of("").toAbsolutePath()));
  }

  ApplicationContext application() {
    return context;
  }

  List<Subscription> subscriptions() {
    return Subscriptions.from(context.getBeansOfType(RepositoryProperties.class), base);
  }

  /** The label this site reports under; null when no repository has reports on. */
  String siteLabel() {
    return Subscriptions.siteLabel(
        context.getBean(ConsumerProperties.class).siteLabel(), subscriptions());
  }

  ConsumerServices services() {
    return new ConsumerServices(context);
  }

  /** The folder relative paths are read from: the configuration file's, else the current one. */
  Path base() {
    return base;
  }

  Path dataDir() {
    return context.getBean(DataFolder.class).root();
  }

  @Override
  public void close() {
    context.close();
  }
}
