package dev.alize.consumer.notify;

import dev.alize.consumer.persistence.Database;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Notifications' settings and dispatcher, from the configuration. */
@Factory
final class NotificationBeans {

  /**
   * Where notifications go, as configured; tests give their own.
   *
   * @throws dev.alize.consumer.config.ConfigurationException naming the key at fault
   */
  @Singleton
  @Secondary
  NotificationSettings notifications(NotificationProperties properties) {
    return NotificationSettings.from(properties);
  }

  @Singleton
  OutboxDispatcher dispatcher(
      Database database, OutboxRepository rows, NotificationSettings settings, Clock clock) {
    return OutboxDispatcher.create(database, rows, settings, clock);
  }
}
