package dev.alize.publisher.http;

import dev.alize.publisher.persistence.CommandContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * One gauge per top-level role: when its newest metadata expires, in epoch seconds, read at each
 * scrape; not a number while the role has no readable metadata. Alert when it comes near. And the
 * days left before the first metadata that only a maintainer can renew expires, as {@link
 * ExpiryWatch} last found it.
 */
@Singleton
@Requires(notEnv = CommandContext.ENVIRONMENT)
final class MetadataExpiryMetrics implements MeterBinder {

  static final String NAME = "alize.publisher.metadata.expires";
  static final String HUMAN_RENEWAL = "alize.publisher.human.renewal.days";

  private static final double SECONDS_A_DAY = 86_400;

  private final MetadataExpiries expiries;
  private final ExpiryWatch watch;
  private final Clock clock;

  MetadataExpiryMetrics(MetadataExpiries expiries, ExpiryWatch watch, Clock clock) {
    this.expiries = expiries;
    this.watch = watch;
    this.clock = clock;
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
    Gauge.builder(HUMAN_RENEWAL, this, MetadataExpiryMetrics::humanRenewalDays)
        .description(
            "Days before the first metadata that only a maintainer can renew expires (root, or a"
                + " role whose key is not here); negative once it has")
        .strongReference(true)
        .register(registry);
  }

  private double humanRenewalDays() {
    return watch
        .earliest()
        .map(e -> Duration.between(clock.instant(), e.expires()).getSeconds() / SECONDS_A_DAY)
        .orElse(Double.NaN);
  }

  private static double seconds(OptionalLong expires) {
    return expires.isPresent() ? expires.getAsLong() : Double.NaN;
  }
}
