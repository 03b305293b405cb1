package dev.alize.publisher.persistence;

import dev.alize.publisher.config.DatabaseConfiguration;
import dev.alize.publisher.config.FleetConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.flyway.FlywayConfigurationProperties;
import io.micronaut.flyway.FlywayMigrator;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.jdbc.DataSourceResolver;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Opens the fleet database in a started application context: its pool, Micronaut Data's
 * repositories and transactions become beans, and the schema is migrated to this publisher's. The
 * publisher is one process (with its occasional {@code enroll} and {@code stats}), so whichever
 * opens the database first migrates it.
 */
public final class FleetDatabase {

  /** Above the configuration file, the environment and system properties. */
  private static final int POSITION = 10_001;

  private static final String H2_BIND_ADDRESS = "h2.bindAddress";

  private FleetDatabase() {}

  /**
   * The database a context's configuration names: {@code alize.publisher.database.url}, else the
   * embedded H2 file in {@code alize.publisher.data-dir}, relative to the configuration file's
   * folder; in memory when there is no configuration file.
   */
  public static DatabaseSettings settings(ApplicationContext context, Path configFile) {
    if (configFile == null) {
      return DatabaseSettings.inMemory();
    }
    Path base = configFile.toAbsolutePath().getParent();
    Path dataDir = base.resolve(context.getBean(FleetConfiguration.class).dataDir());
    return DatabaseSettings.of(context.getBean(DatabaseConfiguration.class), dataDir);
  }

  /**
   * @throws DatabaseException when the database cannot be reached or migrated, saying why
   */
  public static Database open(ApplicationContext context, DatabaseSettings settings) {
    if (!settings.isPostgres() && !settings.isH2()) {
      throw new DatabaseException(
          "cannot open the database " + settings.shown() + ": neither a PostgreSQL nor an H2 URL",
          null);
    }
    if (settings.isH2() && System.getProperty(H2_BIND_ADDRESS) == null) {
      // H2's automatic mixed mode serves the file to other local processes: on loopback only.
      System.setProperty(H2_BIND_ADDRESS, "127.0.0.1");
    }
    context
        .getEnvironment()
        .addPropertySource(
            PropertySource.of("alize-fleet-database", settings.properties(), POSITION));
    context.registerSingleton(DatabaseSettings.class, settings);
    try {
      Database database = context.getBean(Database.class);
      // Connects now, so that a database that is down is told before anything runs.
      database.inTransaction(c -> c.isValid(5));
      FlywayConfigurationProperties flyway =
          context.getBean(FlywayConfigurationProperties.class, Qualifiers.byName("default"));
      DataSource pool =
          context
              .getBean(DataSourceResolver.class)
              .resolve(context.getBean(DataSource.class, Qualifiers.byName("default")));
      context.getBean(FlywayMigrator.class).run(flyway, pool);
      return database;
    } catch (DatabaseException e) {
      throw e;
    } catch (RuntimeException e) {
      if (isDatabaseFailure(e)) {
        throw new DatabaseException(
            "cannot open the database " + settings.shown() + ": " + rootMessage(e), e);
      }
      throw e;
    }
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
