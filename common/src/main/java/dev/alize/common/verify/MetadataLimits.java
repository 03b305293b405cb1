package dev.alize.common.verify;

/**
 * Bounds on what a client downloads and follows, with python-tuf's defaults: the most bytes of each
 * role's file (when no signed length is known), how many root versions one update may walk, and how
 * many delegated roles one target search may visit.
 */
public record MetadataLimits(
    long rootMaxBytes,
    long timestampMaxBytes,
    long snapshotMaxBytes,
    long targetsMaxBytes,
    int maxRootRotations,
    int maxDelegations) {

  public static final MetadataLimits DEFAULT =
      new MetadataLimits(512_000, 16_384, 2_000_000, 5_000_000, 256, 32);
}
