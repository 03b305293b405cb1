package dev.alize.publisher.fleet;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A one-time enrolment token a maintainer issued for a site's label, known by its SHA-256 only.
 * Times are UTC milliseconds since the epoch.
 *
 * @param usedAt when a site enrolled with it, null while it is unused
 * @param site the site that enrolled with it
 */
@MappedEntity(value = "enrolment", escape = false)
public record Enrolment(
    @Id String tokenSha256,
    String label,
    long createdAt,
    long expiresAt,
    @Nullable Long usedAt,
    @Nullable String site) {}
