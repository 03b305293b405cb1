package dev.alize.publisher.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * The settings of site reports under {@code alize.publisher}.
 *
 * @param dataDir the folder of the embedded fleet database, relative to the configuration file's
 *     folder ({@value #DEFAULT_DATA_DIR} by default)
 * @param reportsPerMinute how many reports one site may send in a minute before it is answered 429
 */
@ConfigurationProperties("alize.publisher")
public record FleetConfiguration(
    @Bindable(defaultValue = DEFAULT_DATA_DIR) @NotBlank String dataDir,
    @Bindable(defaultValue = DEFAULT_PER_MINUTE) @Min(1) @Max(100_000) int reportsPerMinute) {

  public static final String DEFAULT_DATA_DIR = "publisher-data";

  public static final String DEFAULT_PER_MINUTE = "60";
}
