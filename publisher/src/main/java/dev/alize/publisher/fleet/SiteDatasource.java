package dev.alize.publisher.fleet;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * The latest state of one datasource at one site, as its last report told it. Its key is (site,
 * datasource); queries read it by site, so the site stands for the key.
 *
 * @param releaseVersion the release the outcome is about (imported, held, waiting), or null
 */
@MappedEntity(value = "site_datasource", escape = false)
public record SiteDatasource(
    @Id String site,
    String datasource,
    String repository,
    @Nullable String installed,
    @Nullable String previous,
    String outcome,
    @Nullable String releaseVersion,
    @Nullable String errorClass,
    @Nullable Long importMs,
    long reportedAt) {}
