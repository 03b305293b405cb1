package dev.alize.consumer.retention;

import dev.alize.consumer.config.DataFolder;
import dev.alize.consumer.notify.OutboxRepository;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.store.DatasourceRepository;
import dev.alize.consumer.store.ImportRunRepository;
import dev.alize.consumer.store.InstalledDatasource;
import dev.alize.consumer.store.UtcTimestamp;
import dev.alize.consumer.update.TargetCache;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what is older than its retention: history rows of syncs, then of imports and rollbacks,
 * delivered notifications, and cached release archives. The archive of each datasource's installed
 * release and of the release a rollback would restore are never removed, whatever their age: they
 * are found as rollback finds them, by the target paths the database records, in the target cache.
 */
@Singleton
public final class Pruner {

  private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);

  /** How long after {@code serve} starts it prunes first. */
  static final Duration FIRST_DELAY = Duration.ofMinutes(1);

  private final Database database;
  private final ImportRunRepository runs;
  private final OutboxRepository outbox;
  private final DatasourceRepository datasources;
  private final DataFolder folder;
  private final RetentionSettings settings;
  private final Clock clock;

  public Pruner(
      Database database,
      ImportRunRepository runs,
      OutboxRepository outbox,
      DatasourceRepository datasources,
      DataFolder folder,
      RetentionSettings settings,
      Clock clock) {
    this.database = database;
    this.runs = runs;
    this.outbox = outbox;
    this.datasources = datasources;
    this.folder = folder;
    this.settings = settings;
    this.clock = clock;
  }

  public RetentionSettings settings() {
    return settings;
  }

  /**
   * Prunes what is older than its retention now.
   *
   * @throws dev.alize.consumer.persistence.DatabaseException when the database fails; nothing of
   *     the database is removed then
   */
  public Pruned prune() {
    Instant now = clock.instant();
    int[] rows =
        database.inTransaction(
            c ->
                new int[] {
                  runs.deleteSyncsBefore(UtcTimestamp.of(now.minus(settings.syncHistory()))),
                  runs.deleteImportsBefore(UtcTimestamp.of(now.minus(settings.importHistory()))),
                  outbox.deleteDeliveredBefore(UtcTimestamp.of(now.minus(settings.notifications())))
                });
    List<InstalledDatasource> installed = database.inTransaction(c -> datasources.list());
    int archives = pruneArchives(now.minus(settings.archives()), installed);
    Pruned pruned = new Pruned(rows[0], rows[1], rows[2], archives);
    if (!pruned.nothing()) {
      LOG.info("pruned {}", pruned);
    }
    return pruned;
  }

  /**
   * Prunes on {@code executor}: a minute after {@code serve} starts, then every prune interval. A
   * failure (the database down) is one line in the log, and the next round tries again.
   */
  public void schedule(ScheduledExecutorService executor) {
    executor.scheduleWithFixedDelay(
        this::pruneOrWarn,
        FIRST_DELAY.toMillis(),
        settings.pruneInterval().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  void pruneOrWarn() {
    try {
      prune();
    } catch (RuntimeException e) {
      LOG.warn(
          "cannot prune the history and the caches: {}; tried again in {}",
          e.getMessage() == null ? e.toString() : e.getMessage(),
          settings.pruneInterval());
    }
  }

  private int pruneArchives(Instant before, List<InstalledDatasource> installed) {
    Map<String, Set<Path>> needed = new HashMap<>();
    for (InstalledDatasource d : installed) {
      TargetCache cache = new TargetCache(folder.targets(d.repository()));
      Set<Path> files = needed.computeIfAbsent(d.repository(), r -> new HashSet<>());
      // The installed release's archive, and the one a rollback would restore.
      for (String path : new String[] {d.targetPath(), d.previousTargetPath()}) {
        if (path != null) {
          files.add(cache.file(path));
        }
      }
    }
    Path repositories = folder.repositories();
    if (!Files.isDirectory(repositories)) {
      return 0;
    }
    int removed = 0;
    try (DirectoryStream<Path> each = Files.newDirectoryStream(repositories)) {
      for (Path repository : each) {
        String name = repository.getFileName().toString();
        if (Files.isDirectory(folder.targets(name))) {
          removed += pruneRepository(name, before, needed.getOrDefault(name, Set.of()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + repositories, e);
    }
    return removed;
  }

  /**
   * Prunes one repository's archives while holding its lock file, so that no sync of it reads an
   * archive being removed; a repository being synced is left for the next pruning.
   */
  private int pruneRepository(String repository, Instant before, Set<Path> needed)
      throws IOException {
    Path lockFile = folder.lock(repository);
    try (FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = tryLock(channel);
      if (lock == null) {
        LOG.debug("{}: being synced; its archives are pruned next time", repository);
        return 0;
      }
      try (lock) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder.targets(repository))) {
          for (Path file : files) {
            if (Files.isRegularFile(file)
                && !needed.contains(file)
                && Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
              Files.delete(file);
              removed++;
            }
          }
        }
        return removed;
      }
    }
  }

  /** The lock, or null when a sync of this process or of another holds it. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }
}
