package dev.alize.consumer.store;

import java.util.List;

/**
 * What storing one round of detection changed.
 *
 * @param raised ids of conflicts new or open again
 * @param closed ids of conflicts whose cause disappeared
 * @param seen ids of every conflict detected, new or not
 * @param open ids of the detected conflicts left open: not acknowledged or resolved by an admin
 */
public record ConflictChanges(
    List<Long> raised, List<Long> closed, List<Long> seen, List<Long> open) {

  public ConflictChanges {
    raised = List.copyOf(raised);
    closed = List.copyOf(closed);
    seen = List.copyOf(seen);
    open = List.copyOf(open);
  }
}
