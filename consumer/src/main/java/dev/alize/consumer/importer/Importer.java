package dev.alize.consumer.importer;

import dev.alize.common.tuf.RootRotation;
import dev.alize.consumer.store.HeldRelease;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Where selected, verified release archives go (the instance's database), and what it holds: the
 * installed version of each datasource, the admins' approvals, and the pins rollbacks left.
 */
public interface Importer {

  /**
   * Imports a release whose archive's length and hashes were verified against signed metadata.
   *
   * @throws ImportException when the release cannot be imported; nothing is changed then
   */
  ImportResult importRelease(ImportRequest request);

  /**
   * What importing the release would change and the conflicts it would raise; nothing is stored.
   */
  ImportResult preview(ImportRequest request);

  /**
   * Records one sync of a repository in the history, when it ended otherwise than the repository's
   * newest row says: one row per change of state, showing when the state began, not one per poll.
   *
   * @param error null when it succeeded
   */
  void recordSync(String repository, Instant started, Instant finished, String error);

  /** What a sync of {@code repository} decides from, in one read transaction. */
  SyncInputs syncInputs(String repository);

  /** Approved releases as {@code NAME VERSION}. */
  Set<String> approvals();

  /**
   * Records the releases that one sync of {@code repository} found held by policy, and notifies the
   * admins of each one held for the first time (once, whatever the number of polls and replicas).
   *
   * @param decided the datasources the sync decided about: the holds of those not in {@code holds}
   *     are forgotten
   * @return the releases held for the first time, notified now
   */
  List<HeldRelease> recordHolds(
      String repository, Collection<String> decided, List<HeldRelease> holds);

  /**
   * Records a root rotation that a refresh of {@code repository} followed, and notifies the admins
   * of it unless it was recorded already (by an earlier sync or another replica).
   *
   * @return whether this call notified it
   */
  boolean recordRotation(String repository, RootRotation rotation);
}
