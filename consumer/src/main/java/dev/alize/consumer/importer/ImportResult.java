package dev.alize.consumer.importer;

import dev.alize.consumer.conflict.DetectedConflict;
import dev.alize.consumer.store.ConflictChanges;
import dev.alize.consumer.store.ModelChanges;
import dev.alize.consumer.store.ModelCounts;
import java.util.List;

/**
 * What an import did, or, for a preview, would do.
 *
 * @param skipped true when the release was already imported (by another replica sharing the
 *     database): nothing was written
 * @param fromVersion the version imported before, or null
 * @param models which models were added, changed, removed and withdrawn
 * @param conflicts the conflicts raised, closed and seen
 * @param detected every conflict the new release has with a child model, as admins read them
 */
public record ImportResult(
    String datasource,
    String fromVersion,
    String toVersion,
    boolean skipped,
    ModelCounts counts,
    ModelChanges models,
    ConflictChanges conflicts,
    List<DetectedConflict> detected) {

  public ImportResult {
    detected = List.copyOf(detected);
  }
}
