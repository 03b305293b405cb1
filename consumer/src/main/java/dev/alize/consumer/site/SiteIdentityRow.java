package dev.alize.consumer.site;

import dev.alize.consumer.store.UtcTimestamp;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.model.DataType;
import java.time.Instant;

/**
 * The one row of {@code site_identity}; {@code singleton} is always 1.
 *
 * @param reportKey the PEM of the key that signs reports; null until the site first enrols
 * @param reportSequence the sequence number of the last report made
 */
@MappedEntity(value = "site_identity", escape = false)
public record SiteIdentityRow(
    @Id int singleton,
    String id,
    @MappedProperty(
            type = DataType.STRING,
            converter = UtcTimestamp.class,
            converterPersistedType = String.class)
        Instant createdAt,
    @Nullable String reportKey,
    long reportSequence) {}
