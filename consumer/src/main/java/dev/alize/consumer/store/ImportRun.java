package dev.alize.consumer.store;

import java.time.Instant;

/**
 * One recorded sync, import or rollback.
 *
 * @param kind {@code sync}, {@code import} or {@code rollback}
 * @param outcome {@code success}, {@code failed} or {@code skipped} (another replica had imported
 *     the release already)
 */
public record ImportRun(
    long id,
    String kind,
    String repository,
    String datasource,
    String fromVersion,
    String toVersion,
    String targetHash,
    Integer targetsVersion,
    ModelCounts counts,
    int conflictsRaised,
    int conflictsClosed,
    Instant startedAt,
    long durationMillis,
    String outcome,
    String error) {}
