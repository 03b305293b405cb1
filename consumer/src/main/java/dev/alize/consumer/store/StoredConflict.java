package dev.alize.consumer.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Map;

/**
 * A conflict as stored: raised by an upstream version, seen again by later imports, and
 * acknowledged or resolved by an admin or resolved automatically when its cause disappeared.
 *
 * @param status {@code open}, {@code acknowledged} or {@code resolved}
 * @param statusChangedBy the admin who acknowledged or resolved it, or null when Alizé changed the
 *     status itself
 * @param closedVersion the upstream version in which the cause disappeared, or null
 */
@MappedEntity(value = "conflict", escape = false)
public record StoredConflict(
    @Id long id,
    long childId,
    String child,
    String kind,
    String subject,
    String severity,
    String status,
    String message,
    @MappedProperty(
            type = DataType.STRING,
            converter = JsonMap.class,
            converterPersistedType = String.class)
        Map<String, String> details,
    String datasource,
    String raisedVersion,
    String lastSeenVersion,
    @MappedProperty(
            type = DataType.STRING,
            converter = UtcTimestamp.class,
            converterPersistedType = String.class)
        Instant firstSeenAt,
    @MappedProperty(
            type = DataType.STRING,
            converter = UtcTimestamp.class,
            converterPersistedType = String.class)
        Instant lastSeenAt,
    @Nullable String closedVersion,
    @MappedProperty(
            type = DataType.STRING,
            converter = UtcTimestamp.class,
            converterPersistedType = String.class)
        Instant statusChangedAt,
    @Nullable String statusChangedBy,
    @Nullable String comment) {}
