package dev.alize.consumer.persistence;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * This process's turns at writing a datasource. Its writers (imports, and admins' changes of its
 * child models and conflicts) wait for their turn here before they take a connection: waiting at
 * the datasource's row lock instead, a few admins' changes made during an import would each hold
 * one of the pool's few connections until it ends, and the status, the syncs and the notifications
 * would find none. Replicas sharing the database still meet at the row lock.
 *
 * <p>Names share a fixed number of locks, so that names sent by whoever holds a token cannot grow
 * this; two datasources sharing a lock only take turns with each other.
 */
final class DatasourceTurns {

  private static final int LOCKS = 64;

  private final ReentrantLock[] locks = new ReentrantLock[LOCKS];
  private final long timeoutMillis;

  DatasourceTurns(long timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
    for (int i = 0; i < LOCKS; i++) {
      locks[i] = new ReentrantLock(true);
    }
  }

  /**
   * Runs {@code work} in {@code datasource}'s turn, first come first served.
   *
   * @throws TurnTimeoutException when the turn did not come within the timeout
   */
  <T> T take(String datasource, Supplier<T> work) {
    ReentrantLock lock = locks[Math.floorMod(datasource.hashCode(), LOCKS)];
    try {
      if (!lock.tryLock(timeoutMillis, TimeUnit.MILLISECONDS)) {
        throw new TurnTimeoutException(datasource, timeoutMillis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TurnTimeoutException(datasource, 0);
    }
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  /** How many writers wait for their turn now (an estimate while threads come and go). */
  int waiting() {
    int waiting = 0;
    for (ReentrantLock lock : locks) {
      waiting += lock.getQueueLength();
    }
    return waiting;
  }

  /** The turn did not come: an import or another change of the datasource is still running. */
  static final class TurnTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TurnTimeoutException(String datasource, long waitedMillis) {
      super(
          "datasource '"
              + datasource
              + "' is still being written by an import or another change after "
              + TimeUnit.MILLISECONDS.toSeconds(waitedMillis)
              + " s; try again later");
    }
  }
}
