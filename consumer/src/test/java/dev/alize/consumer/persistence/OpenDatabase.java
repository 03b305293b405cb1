package dev.alize.consumer.persistence;

import dev.alize.consumer.app.ConsumerApplication;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.Map;

/**
 * A consumer's application context over one database, as a test opens it: the database migrated,
 * the repositories and services its beans. Closing it closes the pool.
 */
public record OpenDatabase(ApplicationContext context) implements AutoCloseable {

  /** Over {@code settings}, with a data folder of its own, and {@code singletons} as beans. */
  public static OpenDatabase open(DatabaseSettings settings, Object... singletons) {
    return open(settings, TestDatabases.scratchFolder(), singletons);
  }

  public static OpenDatabase open(DatabaseSettings settings, Path dataDir, Object... singletons) {
    return new OpenDatabase(
        ConsumerApplication.start(
            ConsumerApplication.Role.COMMAND, settings, dataDir, Map.of(), singletons));
  }

  /** Over {@code settings} as a process in {@code role} opens it: {@code migrate}, for example. */
  public static OpenDatabase openAs(ConsumerApplication.Role role, DatabaseSettings settings) {
    return new OpenDatabase(
        ConsumerApplication.start(role, settings, TestDatabases.scratchFolder(), Map.of()));
  }

  public Database database() {
    return context.getBean(Database.class);
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }
}
