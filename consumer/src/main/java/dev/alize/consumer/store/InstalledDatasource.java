package dev.alize.consumer.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.model.DataType;
import java.time.Instant;

/**
 * A datasource's row: what is imported now, what was imported before it (for rollback), and the pin
 * a rollback left.
 *
 * @param version null before the first import
 * @param pinnedBelow after a rollback, the version rolled back from: releases up to it are not
 *     imported again until a newer one or an approval lifts the pin; null when not pinned
 */
@MappedEntity(value = "datasource", escape = false)
public record InstalledDatasource(
    @Id String name,
    String repository,
    @Nullable String version,
    @Nullable String targetPath,
    @Nullable String targetHash,
    @Nullable Integer targetsVersion,
    @Nullable
        @MappedProperty(
            type = DataType.STRING,
            converter = UtcTimestamp.class,
            converterPersistedType = String.class)
        Instant importedAt,
    @Nullable String previousVersion,
    @Nullable String previousTargetPath,
    @Nullable String previousTargetHash,
    @Nullable Integer previousTargetsVersion,
    @Nullable String pinnedBelow) {}
