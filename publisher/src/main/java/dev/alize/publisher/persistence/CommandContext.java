package dev.alize.publisher.persistence;

import dev.alize.publisher.http.ConfigurationFile;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The application context of a command that needs the fleet database ({@code enroll}, {@code
 * stats}): the configuration file of {@code serve} and the database it names, without the HTTPS
 * server or its scheduled jobs.
 */
public final class CommandContext {

  /** The environment of such a context: beans that only {@code serve} runs require its absence. */
  public static final String ENVIRONMENT = "command";

  private CommandContext() {}

  /**
   * @throws dev.alize.common.config.ConfigurationFileException when the file cannot be read
   * @throws DatabaseException when the database cannot be reached or migrated
   */
  public static ApplicationContext start(Path configFile, Clock clock) {
    ApplicationContext context =
        ApplicationContext.builder()
            .banner(false)
            .deduceEnvironment(false)
            .environments(ENVIRONMENT)
            .propertySources(ConfigurationFile.read(configFile))
            .singletons(clock)
            .build();
    try {
      context.start();
      FleetDatabase.open(context, FleetDatabase.settings(context, configFile));
      return context;
    } catch (RuntimeException e) {
      if (context.isRunning()) {
        context.close();
      }
      throw e;
    }
  }
}
