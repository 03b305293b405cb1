package dev.alize.consumer.conflict;

import dev.alize.common.conflict.Conflict;
import dev.alize.consumer.store.ConflictChanges;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What one run of conflict detection over child models stored and found, added up. */
public final class ConflictScan {

  private final List<Long> raised = new ArrayList<>();
  private final List<Long> closed = new ArrayList<>();
  private final List<Long> seen = new ArrayList<>();
  private final List<Long> open = new ArrayList<>();
  private final List<DetectedConflict> detected = new ArrayList<>();

  ConflictScan() {}

  /** Adds what storing one child's {@code found} conflicts changed. */
  void add(List<Conflict> found, ConflictChanges changes) {
    raised.addAll(changes.raised());
    closed.addAll(changes.closed());
    seen.addAll(changes.seen());
    open.addAll(changes.open());
    Set<Long> isNew = new HashSet<>(changes.raised());
    Set<Long> isOpen = new HashSet<>(changes.open());
    for (int i = 0; i < found.size(); i++) {
      Conflict f = found.get(i);
      long id = changes.seen().get(i);
      detected.add(
          new DetectedConflict(
              id,
              f.child(),
              f.kind().wireName(),
              f.severity().wireName(),
              f.subject(),
              f.message(),
              isNew.contains(id),
              isOpen.contains(id)));
    }
  }

  public ConflictChanges changes() {
    return new ConflictChanges(raised, closed, seen, open);
  }

  public List<DetectedConflict> detected() {
    return List.copyOf(detected);
  }
}
