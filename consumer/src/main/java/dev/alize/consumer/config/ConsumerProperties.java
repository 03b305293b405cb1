package dev.alize.consumer.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code alize.consumer.*} besides the sections that have a record of their own.
 *
 * @param dataDir where trusted metadata, the target cache and sync state live; relative to the
 *     configuration file's folder; {@code alize-data} by default
 * @param siteLabel the name this site reports under; required when a repository has reports on
 */
@ConfigurationProperties("alize.consumer")
public record ConsumerProperties(@Nullable String dataDir, @Nullable String siteLabel) {}
