package dev.alize.consumer.store;

/** What an import did to the upstream models of a datasource. */
public record ModelCounts(int added, int changed, int removed, int unchanged, int withdrawn) {

  public static final ModelCounts NONE = new ModelCounts(0, 0, 0, 0, 0);
}
