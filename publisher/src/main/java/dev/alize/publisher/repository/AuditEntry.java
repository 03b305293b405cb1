package dev.alize.publisher.repository;

import java.time.Instant;
import java.util.Map;

/**
 * One line of the audit log: who did what, when, why, and the metadata versions before and after.
 *
 * @param version null for actions on the repository as a whole
 * @param reason null when none was asked for
 */
public record AuditEntry(
    Instant at,
    String actor,
    String action,
    String datasource,
    String version,
    String reason,
    Map<String, Long> before,
    Map<String, Long> after) {}
