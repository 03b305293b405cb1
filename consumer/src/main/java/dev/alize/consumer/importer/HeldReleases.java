package dev.alize.consumer.importer;

import dev.alize.consumer.notify.ImportNotice;
import dev.alize.consumer.notify.Outbox;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.persistence.DatabaseException;
import dev.alize.consumer.store.DatasourceRepository;
import dev.alize.consumer.store.HeldRelease;
import dev.alize.consumer.store.HeldReleaseRepository;
import dev.alize.consumer.store.UtcTimestamp;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The releases held for approval, kept in the database so that each is told to the admins once: not
 * at every poll, not again after a restart, and by one replica only. A release held for the first
 * time is recorded with its notification in one transaction, under the lock of its datasource's row
 * that imports take too.
 */
@Singleton
public final class HeldReleases {

  private static final Logger LOG = LoggerFactory.getLogger(HeldReleases.class);

  private final Database database;
  private final HeldReleaseRepository held;
  private final DatasourceRepository datasources;
  private final Outbox outbox;
  private final Clock clock;

  public HeldReleases(
      Database database,
      HeldReleaseRepository held,
      DatasourceRepository datasources,
      Outbox outbox,
      Clock clock) {
    this.database = database;
    this.held = held;
    this.datasources = datasources;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Records what one sync of {@code repository} decided: each release in {@code holds} that was not
   * held yet is recorded and notified; the holds of the other datasources in {@code decided}, and
   * older holds of the same datasources, are forgotten, so that a release held again later is told
   * again.
   *
   * @return the releases held for the first time, notified now
   */
  public List<HeldRelease> record(
      String repository, Collection<String> decided, List<HeldRelease> holds) {
    Map<String, HeldRelease> now = new HashMap<>();
    holds.forEach(h -> now.put(h.datasource(), h));
    try {
      return database.inTransaction(c -> recordLocked(repository, decided, now));
    } catch (DatabaseException e) {
      if (e.isDuplicateKey()) {
        // Another replica recorded and told it first.
        LOG.debug("{}: a held release recorded by another replica", repository);
        return List.of();
      }
      throw e;
    }
  }

  /** The releases held now, per datasource. */
  public Map<String, List<HeldRelease>> byDatasource() {
    Map<String, List<HeldRelease>> out = new TreeMap<>();
    database
        .inTransaction(c -> held.list())
        .forEach(h -> out.computeIfAbsent(h.datasource(), d -> new ArrayList<>()).add(h));
    return out;
  }

  private List<HeldRelease> recordLocked(
      String repository, Collection<String> decided, Map<String, HeldRelease> now) {
    Instant at = clock.instant();
    List<HeldRelease> told = new ArrayList<>();
    for (String datasource : decided) {
      HeldRelease hold = now.get(datasource);
      List<HeldRelease> before = held.of(datasource);
      boolean known = false;
      for (HeldRelease b : before) {
        if (hold != null && b.version().equals(hold.version())) {
          known = true;
        } else {
          held.delete(b.datasource(), b.version());
        }
      }
      if (hold == null || known) {
        continue;
      }
      // Replicas deciding the same hold at once wait here; the second then sees the first's row.
      datasources.lock(datasource);
      if (held.of(datasource).stream().anyMatch(b -> b.version().equals(hold.version()))) {
        continue;
      }
      held.insert(
          datasource,
          hold.version(),
          repository,
          hold.installed(),
          hold.reason(),
          UtcTimestamp.of(at));
      outbox.add(
          ImportNotice.held(
              repository, datasource, hold.installed(), hold.version(), hold.reason()),
          at);
      told.add(hold);
    }
    return told;
  }
}
