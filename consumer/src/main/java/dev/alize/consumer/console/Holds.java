package dev.alize.consumer.console;

import dev.alize.consumer.store.Approval;
import dev.alize.consumer.store.HeldRelease;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The releases held for an admin's approval, each with the approval it has, if any: an approved
 * release stays held until the next sync imports it.
 */
public record Holds(List<Row> rows) {

  /**
   * One held release.
   *
   * @param installed the version installed when it was held, or null before a first import
   * @param approvedBy null when no admin approved it
   */
  public record Row(
      String datasource,
      String version,
      String repository,
      String installed,
      String reason,
      Instant heldAt,
      String approvedBy,
      Instant approvedAt) {

    public boolean approved() {
      return approvedBy != null;
    }
  }

  public Holds {
    rows = List.copyOf(rows);
  }

  static Holds of(List<HeldRelease> held, List<Approval> approvals) {
    return new Holds(held.stream().map(h -> row(h, approvals)).toList());
  }

  /** {@code held} with its approval among {@code approvals}. */
  static Row row(HeldRelease held, List<Approval> approvals) {
    Map<String, Approval> byRelease = new HashMap<>();
    approvals.forEach(a -> byRelease.put(a.release(), a));
    Approval approval = byRelease.get(held.datasource() + " " + held.version());
    return new Row(
        held.datasource(),
        held.version(),
        held.repository(),
        held.installed(),
        held.reason(),
        held.heldAt(),
        approval == null ? null : approval.approvedBy(),
        approval == null ? null : approval.approvedAt());
  }
}
