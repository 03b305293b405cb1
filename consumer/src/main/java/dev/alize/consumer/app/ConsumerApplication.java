package dev.alize.consumer.app;

import dev.alize.consumer.config.ConfigurationCheck;
import dev.alize.consumer.config.ConfigurationException;
import dev.alize.consumer.config.ConfigurationFile;
import dev.alize.consumer.config.ConsumerProperties;
import dev.alize.consumer.config.DataFolder;
import dev.alize.consumer.config.DatabaseProperties;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.persistence.DatabaseException;
import dev.alize.consumer.persistence.DatabaseSettings;
import dev.alize.consumer.persistence.Schema;
import dev.alize.consumer.persistence.SchemaChecked;
import dev.alize.consumer.persistence.SchemaState;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.PropertySource;
import io.micronaut.flyway.FlywayConfigurationProperties;
import io.micronaut.flyway.FlywayMigrator;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.jdbc.DataSourceResolver;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Micronaut application context of a consumer process: its configuration, its database
 * (pool, migrations, repositories, transactions) and every service over it, shared by the commands
 * and by {@code serve}'s HTTP server.
 */
public final class ConsumerApplication {

  /** Above every other property source: the file, the environment, system properties. */
  private static final int FIXED_POSITION = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(ConsumerApplication.class);

  private static final String H2_BIND_ADDRESS = "h2.bindAddress";

  private ConsumerApplication() {}

  /**
   * What the process runs: a command, {@code migrate}, or {@code serve} with its HTTP server. Only
   * the last two change an existing schema.
   */
  public enum Role {
    COMMAND(false),
    MIGRATION(true),
    SERVER(true);

    private final boolean migrates;

    Role(boolean migrates) {
      this.migrates = migrates;
    }
  }

  /**
   * Starts the context over the configuration file given by {@code --config}; the data folder is
   * relative to the file's folder.
   *
   * @throws ConfigurationException when the configuration is wrong, naming the key
   * @throws DatabaseException when the database cannot be reached or migrated
   */
  public static ApplicationContext start(Path configFile, Role role) {
    return start(configFile, role, null);
  }

  /**
   * Starts the context over the environment's {@code ALIZE_CONSUMER_...} variables (and system
   * properties) alone; the data folder is relative to the current folder.
   */
  public static ApplicationContext startFromEnvironment(Role role) {
    return start(List.of(), Path.of("").toAbsolutePath(), role, null);
  }

  /**
   * As {@link #start(Path, Role)}, on {@code database} rather than the configured one when it is
   * not null, with {@code singletons} as beans (a {@link java.time.Clock}, for example).
   */
  public static ApplicationContext start(
      Path configFile, Role role, DatabaseSettings database, Object... singletons) {
    Path base = configFile.toAbsolutePath().getParent();
    return start(List.of(ConfigurationFile.read(configFile)), base, role, database, singletons);
  }

  /**
   * Starts the context in {@code role} over {@code database} and {@code dataFolder} with the given
   * properties and beans (a {@link java.time.Clock}, for example), as tests and embedders do.
   */
  public static ApplicationContext start(
      Role role,
      DatabaseSettings database,
      Path dataFolder,
      Map<String, Object> properties,
      Object... singletons) {
    List<PropertySource> sources = new ArrayList<>();
    sources.add(PropertySource.of("alize-given", properties));
    sources.add(
        PropertySource.of(
            "alize-data-dir", Map.of("alize.consumer.data-dir", dataFolder.toString())));
    return start(sources, Path.of(""), role, database, singletons);
  }

  /**
   * Starts a context over the configuration alone, from {@code configFile} or, when it is null,
   * from the environment: no database, nothing checked, for {@link ConfigurationCheck#report}.
   */
  public static ApplicationContext startConfiguration(Path configFile) {
    List<PropertySource> sources =
        configFile == null ? List.of() : List.of(ConfigurationFile.read(configFile));
    return build(sources, Role.COMMAND).start();
  }

  private static ApplicationContext build(
      List<PropertySource> sources, Role role, Object... singletons) {
    // A command's context leaves out the bean definitions of the server's modules.
    ApplicationContextBuilder builder =
        role == Role.SERVER ? ApplicationContext.builder() : CommandContext.builder();
    return builder
        .banner(false)
        .deduceEnvironment(false)
        .propertySources(sources.toArray(PropertySource[]::new))
        .propertySources(
            PropertySource.of("alize-consumer-fixed", FixedProperties.of(role), FIXED_POSITION))
        .singletons(singletons)
        .build();
  }

  private static ApplicationContext start(
      List<PropertySource> sources,
      Path base,
      Role role,
      DatabaseSettings given,
      Object... singletons) {
    ApplicationContext context = build(sources, role, singletons);
    try {
      // Started without a database, so that the configuration is checked before anything binds
      // it; the database's settings come from the checked configuration.
      context.start();
      ConfigurationCheck.check(context);
      String dataDir = context.getBean(ConsumerProperties.class).dataDir();
      DataFolder folder = new DataFolder(base.resolve(dataDir == null ? "alize-data" : dataDir));
      DatabaseSettings database =
          given != null
              ? given
              : DatabaseSettings.of(context.getBean(DatabaseProperties.class), folder);
      if (!database.isPostgres() && !database.isH2()) {
        throw new DatabaseException(
            "cannot open the database " + database.shown() + ": neither a PostgreSQL nor an H2 URL",
            null);
      }
      if (!database.isPostgres() && System.getProperty(H2_BIND_ADDRESS) == null) {
        // H2's automatic mixed mode serves the file to other local processes: on loopback only.
        System.setProperty(H2_BIND_ADDRESS, "127.0.0.1");
      }
      fix(context, "alize-database", database.properties());
      context.registerSingleton(DataFolder.class, folder);
      context.registerSingleton(DatabaseSettings.class, database);
      try {
        // Connects now, so that a database that is down is told before anything runs.
        Database opened = context.getBean(Database.class);
        SchemaState found = opened.inTransaction(Schema::read);
        Schema.Step step = Schema.step(found, role.migrates, database.shown());
        if (step == Schema.Step.MIGRATE) {
          migrate(context);
          LOG.info(
              "database {}: schema migrated from {} to version {}",
              database.shown(),
              found.shown(),
              Schema.CURRENT);
        }
        context.registerSingleton(SchemaChecked.class, new SchemaChecked(found, step));
      } catch (DatabaseException e) {
        throw e;
      } catch (RuntimeException e) {
        throw isDatabaseFailure(e)
            ? new DatabaseException(
                "cannot open the database " + database.shown() + ": " + rootMessage(e), e)
            : e;
      }
      return context;
    } catch (RuntimeException e) {
      if (context.isRunning()) {
        context.close();
      }
      throw e;
    }
  }

  /**
   * Adds {@code properties} above every other source, as the fixed ones: for Micronaut's settings
   * that follow from the checked configuration (the database's, the admin API's TLS), set before
   * the beans that read them are made.
   */
  public static void fix(ApplicationContext context, String name, Map<String, Object> properties) {
    context
        .getEnvironment()
        .addPropertySource(PropertySource.of(name, properties, FIXED_POSITION + 1));
  }

  /**
   * Runs the migrations through Micronaut's Flyway integration, which is off when the pool opens so
   * that commands on a current schema never load the migration tool.
   */
  private static void migrate(ApplicationContext context) {
    FlywayConfigurationProperties flyway =
        context.getBean(FlywayConfigurationProperties.class, Qualifiers.byName("default"));
    DataSource pool =
        context
            .getBean(DataSourceResolver.class)
            .resolve(context.getBean(DataSource.class, Qualifiers.byName("default")));
    context.getBean(FlywayMigrator.class).run(flyway, pool);
  }

  /** Whether the driver, the pool or the migrations failed, rather than the configuration. */
  private static boolean isDatabaseFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String name = t.getClass().getName();
      if (t instanceof SQLException
          || name.startsWith("com.zaxxer.hikari.")
          || name.startsWith("org.flywaydb.")
          || name.startsWith("org.h2.")
          || name.startsWith("org.postgresql.")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.strip().lines().findFirst().orElse("");
  }
}
