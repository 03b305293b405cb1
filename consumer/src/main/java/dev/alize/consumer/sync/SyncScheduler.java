package dev.alize.consumer.sync;

import dev.alize.common.text.Printable;
import dev.alize.common.tuf.RoleExpiry;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.persistence.DatabaseException;
import dev.alize.consumer.update.MetadataStore;
import dev.alize.consumer.update.StoreFingerprint;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each repository on its own schedule: one thread each, so that a slow or failing repository
 * never delays another, its next attempt computed by {@link Backoff} and kept in its status. A sync
 * asked for now runs at once, never at the same time as a scheduled one of the same repository.
 */
public final class SyncScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);

  private final Map<String, Subscription> repositories = new ConcurrentHashMap<>();
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
  private final RepositorySyncer service;
  private final StatusStore statuses;
  private final ScheduledExecutorService executor;
  private final Backoff backoff;
  private final RandomGenerator random;
  private final Clock clock;
  private final Consumer<List<SyncLine>> report;

  /** Per repository, the expiries of its trusted metadata: read again when its files change. */
  private final Map<String, Expiries> expiries = new ConcurrentHashMap<>();

  private record Expiries(StoreFingerprint files, List<RoleExpiry> roles) {}

  /**
   * @param report receives the lines of every sync, for the log
   */
  public SyncScheduler(
      List<Subscription> subscriptions,
      RepositorySyncer service,
      StatusStore statuses,
      ScheduledExecutorService executor,
      Backoff backoff,
      RandomGenerator random,
      Clock clock,
      Consumer<List<SyncLine>> report) {
    subscriptions.forEach(s -> repositories.put(s.name(), s));
    this.service = service;
    this.statuses = statuses;
    this.executor = executor;
    this.backoff = backoff;
    this.random = random;
    this.clock = clock;
    this.report = report;
  }

  /** Schedules every repository: at its recorded next attempt, or at once (with jitter). */
  public void start() {
    for (Subscription s : repositories.values()) {
      RepositoryStatus status = statuses.read(s.name());
      Duration delay = Duration.ofMillis(Math.round(random.nextDouble() * 5_000));
      if (status.nextAttempt != null && status.nextAttempt.isAfter(clock.instant())) {
        delay = Duration.between(clock.instant(), status.nextAttempt);
      }
      schedule(s, delay);
    }
  }

  /**
   * Syncs {@code repository} now, in the calling thread, and reschedules it from now.
   *
   * @throws IllegalArgumentException for a repository that is not configured
   */
  public List<SyncLine> syncNow(String repository) {
    Subscription s = repositories.get(repository);
    if (s == null) {
      throw new IllegalArgumentException("no repository '" + repository + "' is configured");
    }
    ScheduledFuture<?> next = pending.remove(repository);
    if (next != null) {
      next.cancel(false);
    }
    return run(s);
  }

  private void schedule(Subscription s, Duration delay) {
    pending.put(s.name(), executor.schedule(() -> run(s), delay.toMillis(), TimeUnit.MILLISECONDS));
  }

  private List<SyncLine> run(Subscription s) {
    ReentrantLock lock = locks.computeIfAbsent(s.name(), n -> new ReentrantLock());
    lock.lock();
    try {
      List<SyncLine> lines;
      try {
        lines = service.sync(s);
      } catch (DatabaseException e) {
        // The database down: the sync line says which and why, once per sync; its stack trace
        // would tell an operator nothing more.
        String reason = firstLine(e.getMessage());
        RepositoryStatus status = statuses.read(s.name());
        status.lastError = reason;
        status.consecutiveFailures++;
        statuses.write(s.name(), status);
        lines = List.of(new SyncLine(s.name(), SyncLine.Outcome.FAILED, "failed: " + reason));
      } catch (RuntimeException e) {
        // A bug or an I/O failure of this instance: logged, retried later, never fatal to others.
        LOG.error("{}: sync failed unexpectedly", s.name(), e);
        RepositoryStatus status = statuses.read(s.name());
        status.lastError = e.toString();
        status.consecutiveFailures++;
        statuses.write(s.name(), status);
        lines = List.of(new SyncLine(s.name(), SyncLine.Outcome.FAILED, "failed: " + e));
      }
      RepositoryStatus status = statuses.read(s.name());
      Duration delay = backoff.next(s.pollInterval(), status.consecutiveFailures, random);
      status.nextAttempt = clock.instant().plus(delay);
      warn(s, status);
      statuses.write(s.name(), status);
      // Reported once saved: what an operator reads is already on disk.
      report.accept(lines);
      if (!executor.isShutdown()) {
        schedule(s, delay);
      }
      return lines;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Logs each warning the poll leaves that the previous one did not, and each that went away, and
   * keeps them in the status: told once per change, not at every poll.
   */
  private void warn(Subscription s, RepositoryStatus status) {
    List<SyncWarning> found = SyncWarnings.of(s, status, expiries(s), clock.instant());
    for (SyncWarning warning : found) {
      if (!status.warnings.contains(warning)) {
        LOG.warn("{}", Printable.escape(warning.message()));
      }
    }
    for (SyncWarning warning : status.warnings) {
      if (!found.contains(warning)) {
        LOG.info("no longer: {}", Printable.escape(warning.message()));
      }
    }
    status.warnings = found;
  }

  private List<RoleExpiry> expiries(Subscription s) {
    MetadataStore store = new MetadataStore(statuses.folder().metadata(s.name()));
    // Taken before the files are read: a file written meanwhile makes the next poll read again.
    StoreFingerprint files = store.fingerprint();
    Expiries last = expiries.get(s.name());
    if (last == null || !last.files().equals(files)) {
      last = new Expiries(files, SyncWarnings.expiries(store));
      expiries.put(s.name(), last);
    }
    return last.roles();
  }

  private static String firstLine(String text) {
    String line = text == null ? "" : text.strip();
    int end = line.indexOf('\n');
    return end < 0 ? line : line.substring(0, end).strip();
  }

  /**
   * Stops scheduling, interrupts running syncs, waits for them to leave their state saved, and
   * writes the times of polls kept in memory alone.
   */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("a sync did not stop within 30 s of shutdown");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    statuses.flush();
  }
}
