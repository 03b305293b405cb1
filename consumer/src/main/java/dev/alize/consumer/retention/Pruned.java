package dev.alize.consumer.retention;

/**
 * What one pruning removed.
 *
 * @param syncRuns history rows of syncs
 * @param importRuns history rows of imports and rollbacks
 * @param notifications delivered notifications
 * @param archives cached release archives
 */
public record Pruned(int syncRuns, int importRuns, int notifications, int archives) {

  public boolean nothing() {
    return syncRuns + importRuns + notifications + archives == 0;
  }

  @Override
  public String toString() {
    return String.format(
        "%d sync row(s), %d import or rollback row(s), %d delivered notification(s), %d cached"
            + " archive(s)",
        syncRuns, importRuns, notifications, archives);
  }
}
