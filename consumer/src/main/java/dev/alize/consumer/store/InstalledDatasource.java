package dev.alize.consumer.store;

import java.time.Instant;

/**
 * A datasource's row: what is imported now, what was imported before it (for rollback), and the pin
 * a rollback left.
 *
 * @param version null before the first import
 * @param pinnedBelow after a rollback, the version rolled back from: releases up to it are not
 *     imported again until a newer one or an approval lifts the pin; null when not pinned
 */
public record InstalledDatasource(
    String name,
    String repository,
    String version,
    String targetPath,
    String targetHash,
    Integer targetsVersion,
    Instant importedAt,
    String previousVersion,
    String previousTargetPath,
    String previousTargetHash,
    Integer previousTargetsVersion,
    String pinnedBelow) {}
