package dev.alize.publisher.fleet;

import java.time.Instant;
import java.util.Map;

/**
 * One site as the statistics show it.
 *
 * @param lastSeen when its last report was accepted, null before its first
 * @param versions the version installed per datasource (null when none is)
 * @param stale whether it has not reported for the period asked
 */
public record SiteSummary(
    String id,
    String label,
    Instant enrolled,
    Instant lastSeen,
    String consumerVersion,
    Map<String, String> versions,
    boolean stale) {}
