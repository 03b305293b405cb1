package dev.alize.publisher.fleet;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * An enrolled site. Times are UTC milliseconds since the epoch.
 *
 * @param id the identity the site made for itself: 32 lowercase hexadecimal digits
 * @param publicKey the Ed25519 key that signs its reports, as 64 hexadecimal digits
 * @param lastSeen when its last report was accepted, null before its first
 * @param lastSequence the sequence of that report, 0 before it: a report must go above it
 */
@MappedEntity(value = "site", escape = false)
public record Site(
    @Id String id,
    String label,
    String publicKey,
    long enrolledAt,
    @Nullable Long lastSeen,
    long lastSequence,
    @Nullable String consumerVersion) {}
