package dev.alize.consumer.report;

import dev.alize.consumer.store.UtcTimestamp;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.model.DataType;
import java.time.Instant;

/**
 * A repository whose state changed since its last report was delivered. The report itself is made
 * when it is sent, from the state then: however many changes and failed attempts, the publisher
 * gets the latest state once.
 *
 * @param changeCount grows with each change, so that a change made while a report was on its way is
 *     not lost when that report is delivered
 * @param lastError why the last attempt failed, or null
 */
@MappedEntity(value = "report_outbox", escape = false)
public record PendingReport(
    @Id String repository,
    long changeCount,
    @MappedProperty(
            type = DataType.STRING,
            converter = UtcTimestamp.class,
            converterPersistedType = String.class)
        Instant createdAt,
    int attempts,
    @MappedProperty(
            type = DataType.STRING,
            converter = UtcTimestamp.class,
            converterPersistedType = String.class)
        Instant nextAttemptAt,
    @Nullable String lastError) {}
