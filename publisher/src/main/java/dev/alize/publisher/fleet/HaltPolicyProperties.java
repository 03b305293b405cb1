package dev.alize.publisher.fleet;

import dev.alize.common.fleet.HaltPolicy;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

/**
 * {@code alize.publisher.halt-policies.NAME.*}: when the publisher halts the rollouts of datasource
 * {@code NAME} by itself; {@code default} for every datasource without a policy of its own.
 */
@EachProperty("alize.publisher.halt-policies")
public record HaltPolicyProperties(
    @Parameter String name,
    @Bindable(defaultValue = "10") @Min(value = 1, message = "must be at least 1") int minSites,
    @Bindable(defaultValue = "5")
        @DecimalMin(value = "0", message = PERCENT)
        @DecimalMax(value = "100", message = PERCENT)
        double maxFailedPercent,
    @Bindable(defaultValue = "20")
        @DecimalMin(value = "0", message = PERCENT)
        @DecimalMax(value = "100", message = PERCENT)
        double maxBlockingPercent) {

  /** The name of the policy of every datasource without one of its own. */
  public static final String DEFAULT = "default";

  static final String PERCENT = "must be a percentage from 0 to 100";

  public HaltPolicy policy() {
    return new HaltPolicy(minSites, maxFailedPercent, maxBlockingPercent);
  }
}
