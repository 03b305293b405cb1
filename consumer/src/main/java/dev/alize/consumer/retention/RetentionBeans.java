package dev.alize.consumer.retention;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

/** The retention periods, from the configuration. */
@Factory
final class RetentionBeans {

  /**
   * The configured periods; tests give their own.
   *
   * @throws dev.alize.consumer.config.ConfigurationException naming the key at fault
   */
  @Singleton
  @Secondary
  RetentionSettings retention(RetentionProperties properties) {
    return RetentionSettings.from(properties);
  }
}
