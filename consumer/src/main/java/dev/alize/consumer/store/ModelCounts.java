package dev.alize.consumer.store;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedProperty;

/** What an import did to the upstream models of a datasource. */
@Embeddable
public record ModelCounts(
    @MappedProperty("models_added") int added,
    @MappedProperty("models_changed") int changed,
    @MappedProperty("models_removed") int removed,
    @MappedProperty("models_unchanged") int unchanged,
    @MappedProperty("models_withdrawn") int withdrawn) {

  public static final ModelCounts NONE = new ModelCounts(0, 0, 0, 0, 0);
}
