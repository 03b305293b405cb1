package dev.alize.consumer.console;

import dev.alize.common.conflict.ModelRef;
import dev.alize.consumer.store.StoredChild;
import dev.alize.consumer.store.StoredConflict;
import java.time.Instant;
import java.util.List;

/** The child models of this site, by name, each with its open conflicts. */
public record ChildList(List<Row> rows) {

  /**
   * One child model.
   *
   * @param overrides how many variables it sets
   * @param openConflicts how many of its conflicts are open
   */
  public record Row(
      String name,
      ModelRef parent,
      int overrides,
      List<String> addedServices,
      List<String> removedServices,
      String description,
      int openConflicts,
      Instant updatedAt,
      String updatedBy) {}

  static ChildList of(List<StoredChild> children, List<StoredConflict> open) {
    return new ChildList(
        children.stream()
            .map(
                c ->
                    new Row(
                        c.child().name(),
                        c.child().parent(),
                        c.child().overrides().size(),
                        c.child().addedServices(),
                        c.child().removedServices(),
                        c.description(),
                        (int) open.stream().filter(k -> k.childId() == c.id()).count(),
                        c.updatedAt(),
                        c.updatedBy()))
            .toList());
  }
}
