package dev.alize.consumer.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.Relation;
import io.micronaut.data.model.DataType;
import java.time.Instant;

/**
 * One recorded sync, import or rollback.
 *
 * @param kind {@code sync}, {@code import} or {@code rollback}
 * @param outcome {@code success}, {@code failed} or {@code skipped} (another replica had imported
 *     the release already)
 */
@MappedEntity(value = "import_run", escape = false)
public record ImportRun(
    @Id long id,
    String kind,
    String repository,
    @Nullable String datasource,
    @Nullable String fromVersion,
    @Nullable String toVersion,
    @Nullable String targetHash,
    @Nullable Integer targetsVersion,
    @Relation(Relation.Kind.EMBEDDED) ModelCounts counts,
    int conflictsRaised,
    int conflictsClosed,
    @MappedProperty(
            type = DataType.STRING,
            converter = UtcTimestamp.class,
            converterPersistedType = String.class)
        Instant startedAt,
    @MappedProperty("duration_ms") long durationMillis,
    String outcome,
    @Nullable String error) {}
