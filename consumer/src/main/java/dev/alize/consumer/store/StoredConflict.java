package dev.alize.consumer.store;

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
public record StoredConflict(
    long id,
    long childId,
    String child,
    String kind,
    String subject,
    String severity,
    String status,
    String message,
    Map<String, String> details,
    String datasource,
    String raisedVersion,
    String lastSeenVersion,
    Instant firstSeenAt,
    Instant lastSeenAt,
    String closedVersion,
    Instant statusChangedAt,
    String statusChangedBy,
    String comment) {}
