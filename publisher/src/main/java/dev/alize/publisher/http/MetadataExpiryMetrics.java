package dev.alize.publisher.http;

import dev.alize.publisher.persistence.CommandContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.OptionalLong;

/**
 * One gauge per top-level role: when its newest metadata expires, in epoch seconds, read at each
 * scrape; not a number while the role has no readable metadata. Alert when it comes near.
 */
@Singleton
@Requires(notEnv = CommandContext.ENVIRONMENT)
final class MetadataExpiryMetrics implements MeterBinder {

  static final String NAME = "alize.publisher.metadata.expires";

  private final MetadataExpiries expiries;

  MetadataExpiryMetrics(MetadataExpiries expiries) {
    this.expiries = expiries;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String role : MetadataExpiries.ROLES) {
      Gauge.builder(NAME, expiries, e -> seconds(e.expiresEpochSeconds(role)))
          .description("When the newest metadata of the role expires, in seconds since the epoch")
          .baseUnit("seconds")
          .tag("role", role)
          .strongReference(true)
          .register(registry);
    }
  }

  private static double seconds(OptionalLong expires) {
    return expires.isPresent() ? expires.getAsLong() : Double.NaN;
  }
}
