package dev.alize.consumer.app;

import dev.alize.consumer.importer.DatabaseImporter;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The clock and the import's step hook, which tests replace. */
@Factory
final class ConsumerBeans {

  /** The system's clock in UTC; tests give a fixed one instead. */
  @Singleton
  @Secondary
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Steps of an import are logged at DEBUG; tests give a hook that stops at one. */
  @Singleton
  @Secondary
  DatabaseImporter.Steps steps() {
    return DatabaseImporter.Steps.LOG_ONLY;
  }
}
