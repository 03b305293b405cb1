package dev.alize.consumer.sync;

import dev.alize.consumer.config.Subscription;
import java.util.List;

/** Syncs one repository now and records the outcome in its status. */
@FunctionalInterface
public interface RepositorySyncer {
  List<SyncLine> sync(Subscription repository);
}
