package dev.alize.publisher.repository;

import java.time.Instant;
import java.util.Map;

/**
 * One line of the audit log: who did what, when, why, and the metadata versions before and after.
 *
 * @param version null for actions on the repository as a whole
 * @param reason null when none was asked for
 * @param notes a release's notes, as published; null for other actions and releases without
 */
public record AuditEntry(
    Instant at,
    String actor,
    String action,
    String datasource,
    String version,
    String reason,
    Map<String, Long> before,
    Map<String, Long> after,
    String notes) {

  /** An entry without notes. */
  public AuditEntry(
      Instant at,
      String actor,
      String action,
      String datasource,
      String version,
      String reason,
      Map<String, Long> before,
      Map<String, Long> after) {
    this(at, actor, action, datasource, version, reason, before, after, null);
  }
}
