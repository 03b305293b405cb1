package dev.alize.consumer.update;

import dev.alize.common.tuf.TargetFile;
import dev.alize.common.verify.MetadataLimits;
import dev.alize.common.verify.RepositoryException;
import dev.alize.common.verify.TrustedMetadataSet;
import java.time.Instant;
import java.util.List;

/**
 * The targets of the metadata a complete refresh stored, verified again from the store alone (spec
 * 5.2, then 5.4 to 5.6 on the local copies): what a site may act on between syncs, with nothing
 * fetched. Expiry is judged at the time that refresh verified them, since the store is no fresher
 * than that.
 */
public final class StoredTargets {

  private StoredTargets() {}

  /**
   * @param verifiedAt when the refresh that stored the metadata verified it
   * @throws RepositoryException when a file is missing or no longer verifies
   */
  public static List<TargetFile> verified(
      MetadataStore store, Instant verifiedAt, MetadataLimits limits) {
    TrustedMetadataSet trusted = new TrustedMetadataSet(stored(store, "root"), verifiedAt);
    trusted.updateTimestamp(stored(store, "timestamp"));
    trusted.updateSnapshot(stored(store, "snapshot"), true);
    return new TargetSearch(
            (role, delegator) ->
                trusted
                    .targets(role, delegator)
                    .orElseGet(
                        () -> trusted.updateDelegatedTargets(stored(store, role), role, delegator))
                    .signed(),
            limits.maxDelegations())
        .all();
  }

  private static byte[] stored(MetadataStore store, String role) {
    return store
        .read(role)
        .orElseThrow(() -> new RepositoryException(role, "not in " + store.dir()));
  }
}
