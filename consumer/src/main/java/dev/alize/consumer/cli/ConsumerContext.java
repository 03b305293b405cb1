package dev.alize.consumer.cli;

import dev.alize.consumer.config.ConfigurationCheck;
import dev.alize.consumer.config.ConfigurationFile;
import dev.alize.consumer.config.ConsumerProperties;
import dev.alize.consumer.config.DatabaseProperties;
import dev.alize.consumer.config.RepositoryProperties;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.config.Subscriptions;
import dev.alize.consumer.notify.NotificationProperties;
import dev.alize.consumer.notify.NotificationSettings;
import dev.alize.consumer.persistence.DatabaseSettings;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

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
    ApplicationContext context =
        ApplicationContext.builder()
            .banner(false)
            .deduceEnvironment(false)
            .propertySources(ConfigurationFile.read(config))
            .start();
    ConfigurationCheck.check(context);
    Path base = config.toAbsolutePath().getParent();
    return new ConsumerContext(context, base);
  }

  List<Subscription> subscriptions() {
    return Subscriptions.from(context.getBeansOfType(RepositoryProperties.class), base);
  }

  /** The configured database, or the embedded H2 file in the data folder. */
  DatabaseSettings databaseSettings() {
    Optional<DatabaseProperties> p = context.findBean(DatabaseProperties.class);
    if (p.isEmpty() || p.get().url() == null || p.get().url().isBlank()) {
      return DatabaseSettings.embedded(dataDir());
    }
    return new DatabaseSettings(p.get().url().strip(), p.get().user(), p.get().password());
  }

  NotificationSettings notifications() {
    return NotificationSettings.from(
        context.findBean(NotificationProperties.class).orElse(NotificationProperties.none()));
  }

  /** Opens (and migrates) the database and everything that works on it. */
  ConsumerServices services() {
    return ConsumerServices.open(databaseSettings(), notifications(), dataDir(), Clock.systemUTC());
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
