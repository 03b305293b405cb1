package dev.alize.consumer.console;

import dev.alize.common.conflict.ModelRef;
import dev.alize.consumer.store.StoredChild;
import dev.alize.consumer.store.StoredConflict;
import java.time.Instant;
import java.util.List;

/**
 * A child model's page: what is stored of it, its conflicts not yet resolved, and its form.
 *
 * @param parentState {@code active}, {@code withdrawn} when upstream withdrew the parent, or {@code
 *     gone} when it is no longer stored at all
 * @param conflicts its open and acknowledged conflicts
 */
public record ChildPage(
    String name,
    ModelRef parent,
    String parentState,
    String description,
    String reconciledVersion,
    Instant createdAt,
    Instant updatedAt,
    String updatedBy,
    List<StoredConflict> conflicts,
    ChildEditor editor) {

  static ChildPage of(
      StoredChild stored, String parentState, List<StoredConflict> all, ChildEditor editor) {
    return new ChildPage(
        stored.child().name(),
        stored.child().parent(),
        parentState,
        stored.description(),
        stored.child().reconciledVersion(),
        stored.createdAt(),
        stored.updatedAt(),
        stored.updatedBy(),
        all.stream()
            .filter(c -> c.childId() == stored.id() && !c.status().equals("resolved"))
            .toList(),
        editor);
  }
}
