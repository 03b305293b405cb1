package dev.alize.consumer.importer;

import dev.alize.common.conflict.Conflict;
import dev.alize.common.conflict.ConflictDetector;
import dev.alize.common.conflict.UpstreamParent;
import dev.alize.consumer.store.ConflictChanges;
import dev.alize.consumer.store.ConflictStore;
import dev.alize.consumer.store.StoredChild;
import dev.alize.consumer.sync.ImportResult.DetectedConflict;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the conflict detector on child models against what upstream offers now and stores what it
 * finds, adding up what changed.
 */
final class ConflictScan {

  /** What upstream offers a child's parent now: from a release in memory or from the database. */
  @FunctionalInterface
  interface Upstream {
    UpstreamParent of(StoredChild child) throws SQLException;
  }

  private final ConflictStore conflicts;
  private final List<Long> raised = new ArrayList<>();
  private final List<Long> closed = new ArrayList<>();
  private final List<Long> seen = new ArrayList<>();
  private final List<Long> open = new ArrayList<>();
  private final List<DetectedConflict> detected = new ArrayList<>();

  ConflictScan(ConflictStore conflicts) {
    this.conflicts = conflicts;
  }

  void scan(
      Connection c,
      List<StoredChild> children,
      Upstream upstream,
      String datasource,
      String version,
      Instant now)
      throws SQLException {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    for (StoredChild child : children) {
      List<Conflict> found = ConflictDetector.detect(child.child(), upstream.of(child), today);
      ConflictChanges changes = conflicts.apply(child.id(), datasource, version, found, now);
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
  }

  ConflictChanges changes() {
    return new ConflictChanges(raised, closed, seen, open);
  }

  List<DetectedConflict> detected() {
    return List.copyOf(detected);
  }
}
