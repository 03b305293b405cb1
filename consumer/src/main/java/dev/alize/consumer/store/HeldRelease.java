package dev.alize.consumer.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.model.DataType;
import java.time.Instant;

/**
 * A release held for an admin's approval, recorded when it was first held and told. Its key is
 * (datasource, version); queries read it by datasource, so the datasource stands for the key.
 *
 * @param installed the version installed when it was held
 */
@MappedEntity(value = "held_release", escape = false)
public record HeldRelease(
    @Id String datasource,
    String version,
    String repository,
    @Nullable String installed,
    String reason,
    @MappedProperty(
            type = DataType.STRING,
            converter = UtcTimestamp.class,
            converterPersistedType = String.class)
        Instant heldAt) {}
