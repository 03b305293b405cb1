package dev.alize.consumer.importer;

import dev.alize.common.tuf.RootRotation;
import dev.alize.consumer.notify.ImportNotice;
import dev.alize.consumer.notify.Outbox;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.persistence.DatabaseException;
import dev.alize.consumer.store.FollowedRotationRepository;
import dev.alize.consumer.store.UtcTimestamp;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Root rotations followed, told to the admins once: each replica follows a rotation in its own data
 * folder, and the first to record it in the database notifies it, in the same transaction.
 */
@Singleton
public final class RootRotations {

  private static final Logger LOG = LoggerFactory.getLogger(RootRotations.class);

  private final Database database;
  private final FollowedRotationRepository rows;
  private final Outbox outbox;
  private final Clock clock;

  public RootRotations(
      Database database, FollowedRotationRepository rows, Outbox outbox, Clock clock) {
    this.database = database;
    this.rows = rows;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Records a rotation followed, and notifies it unless it was recorded already.
   *
   * @return whether this call notified it
   */
  public boolean record(String repository, RootRotation rotation) {
    Instant at = clock.instant();
    try {
      return database.inTransaction(
          c -> {
            if (rows.count(repository, rotation.toVersion()) > 0) {
              return false;
            }
            rows.insert(
                repository,
                rotation.toVersion(),
                rotation.fromVersion(),
                String.join(",", rotation.changedRoles()),
                UtcTimestamp.of(at));
            outbox.add(ImportNotice.rotation(repository, rotation), at);
            return true;
          });
    } catch (DatabaseException e) {
      if (e.isDuplicateKey()) {
        LOG.debug("{}: root {} recorded by another replica", repository, rotation.toVersion());
        return false;
      }
      throw e;
    }
  }
}
