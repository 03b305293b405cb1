package dev.alize.publisher.fleet;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A release a site installed: when it first reported it installed, in UTC milliseconds since the
 * epoch, and how long its import took. Its key is (datasource, version, site); the site stands for
 * it, as queries read these rows by release.
 */
@MappedEntity(value = "site_release", escape = false)
public record SiteRelease(
    @Id String site,
    String datasource,
    String version,
    long firstInstalledAt,
    @Nullable Long importMs) {}
