package dev.alize.consumer.http;

import dev.alize.common.conflict.Severity;
import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.store.ConflictStore;
import dev.alize.consumer.store.StoredConflict;
import dev.alize.consumer.sync.RepositoryStatus;
import dev.alize.consumer.sync.StatusStore;
import dev.alize.consumer.sync.SyncWarning;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's gauges on /prometheus: conflicts to review, imported models, each repository's
 * last successful sync, failures in a row and warnings, notifications not delivered yet, and
 * releases held for approval. They are read from the database and the status files once per scrape
 * ({@link PrometheusRefreshFilter}) and at most once per {@link #MIN_INTERVAL}, whatever the number
 * of scrapers; each gauge then reads that snapshot. A value that cannot be read is not a number.
 */
final class ConsumerMetrics implements MeterBinder {

  private static final Logger LOG = LoggerFactory.getLogger(ConsumerMetrics.class);

  static final String CONFLICTS = "alize.consumer.conflicts";
  static final String MODELS = "alize.consumer.models";
  static final String LAST_SUCCESS_AGE = "alize.consumer.last.success.age";
  static final String CONSECUTIVE_FAILURES = "alize.consumer.consecutive.failures";
  static final String NOTIFICATIONS_PENDING = "alize.consumer.notifications.pending";
  static final String RELEASES_HELD = "alize.consumer.releases.held";
  static final String WRITES_WAITING = "alize.consumer.writes.waiting";
  static final String WARNINGS = "alize.consumer.warnings";

  /** The statuses of conflicts that still ask for attention. */
  private static final List<ConflictStore.Status> UNRESOLVED =
      List.of(ConflictStore.Status.OPEN, ConflictStore.Status.ACKNOWLEDGED);

  /** Scrapes closer together than this share one reading. */
  static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  /** One reading of everything the gauges show; a null map or count could not be read. */
  private record Snapshot(
      Map<String, Long> conflicts,
      Map<String, Integer> models,
      Map<String, RepositoryStatus> repositories,
      Long pending,
      Map<String, Integer> held) {

    static final Snapshot NONE = new Snapshot(null, null, null, null, null);
  }

  private final AdminService admin;
  private final Database database;
  private final StatusStore statuses;
  private final List<String> repositories;
  private final PendingNotifications notifications;
  private final Clock clock = Clock.systemUTC();
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private volatile Snapshot snapshot = Snapshot.NONE;
  private long lastRead = Long.MIN_VALUE;
  private boolean read;

  ConsumerMetrics(
      AdminService admin,
      Database database,
      StatusStore statuses,
      ConfiguredRepositories repositories,
      PendingNotifications notifications) {
    this.admin = admin;
    this.database = database;
    this.statuses = statuses;
    this.repositories = repositories.subscriptions().stream().map(Subscription::name).toList();
    this.notifications = notifications;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    registries.add(registry);
    for (ConflictStore.Status status : UNRESOLVED) {
      for (Severity severity : Severity.values()) {
        conflictGauge(registry, severity.wireName(), status.wireName());
      }
    }
    for (String repository : repositories) {
      Gauge.builder(LAST_SUCCESS_AGE, this, m -> m.lastSuccessAge(repository))
          .description("Seconds since the repository's last successful sync; NaN before the first")
          .baseUnit("seconds")
          .tag("repository", repository)
          .strongReference(true)
          .register(registry);
      Gauge.builder(CONSECUTIVE_FAILURES, this, m -> m.consecutiveFailures(repository))
          .description("The repository's failed syncs since its last successful one")
          .tag("repository", repository)
          .strongReference(true)
          .register(registry);
      for (SyncWarning.Kind kind : SyncWarning.Kind.values()) {
        Gauge.builder(WARNINGS, this, m -> m.warnings(repository, kind))
            .description(
                "What the repository's last poll left to act on before the site stops taking"
                    + " updates, by kind")
            .tags("repository", repository, "kind", kind.wireName())
            .strongReference(true)
            .register(registry);
      }
    }
    if (notifications.known()) {
      Gauge.builder(NOTIFICATIONS_PENDING, this, m -> m.pending())
          .description("Notifications neither delivered nor given up yet")
          .strongReference(true)
          .register(registry);
    }
    // Read live, not from the snapshot: it says what waits at this very moment.
    Gauge.builder(WRITES_WAITING, database, Database::writersWaiting)
        .description("Imports and admins' changes waiting for another write of their datasource")
        .strongReference(true)
        .register(registry);
    for (String datasource : datasources(snapshot)) {
      modelGauge(registry, datasource);
      heldGauge(registry, datasource);
    }
  }

  /**
   * Reads the database and the status files again, unless that was done less than {@link
   * #MIN_INTERVAL} ago, and adds the gauges of datasources and severities seen for the first time.
   * Blocking: not on an event loop.
   */
  void refresh() {
    synchronized (lock) {
      long now = System.nanoTime();
      if (read && now - lastRead < MIN_INTERVAL.toNanos()) {
        return;
      }
      snapshot = readAll();
      lastRead = System.nanoTime();
      read = true;
    }
    Snapshot s = snapshot;
    for (MeterRegistry registry : registries) {
      for (String datasource : datasources(s)) {
        modelGauge(registry, datasource);
        heldGauge(registry, datasource);
      }
      if (s.conflicts() != null) {
        for (String key : s.conflicts().keySet()) {
          String[] parts = key.split("\n", 2);
          conflictGauge(registry, parts[0], parts[1]);
        }
      }
    }
  }

  private Snapshot readAll() {
    Map<String, Long> conflicts = null;
    Map<String, Integer> models = null;
    Map<String, RepositoryStatus> repos = null;
    Long pending = null;
    Map<String, Integer> held = null;
    try {
      Map<String, Long> counts = new HashMap<>();
      for (ConflictStore.Status status : UNRESOLVED) {
        for (StoredConflict c : admin.conflicts(status)) {
          counts.merge(key(c.severity(), c.status()), 1L, Long::sum);
        }
      }
      conflicts = counts;
    } catch (RuntimeException e) {
      LOG.warn("metrics: cannot count the conflicts: {}", e.toString());
    }
    try {
      models = Map.copyOf(admin.modelCounts());
    } catch (RuntimeException e) {
      LOG.warn("metrics: cannot count the models: {}", e.toString());
    }
    try {
      Map<String, RepositoryStatus> read = new HashMap<>();
      for (String repository : repositories) {
        read.put(repository, statuses.read(repository));
      }
      repos = read;
    } catch (RuntimeException e) {
      LOG.warn("metrics: cannot read the repositories' status: {}", e.toString());
    }
    try {
      OptionalLong count = notifications.count();
      pending = count.isPresent() ? count.getAsLong() : null;
    } catch (RuntimeException e) {
      LOG.warn("metrics: cannot count the pending notifications: {}", e.toString());
    }
    try {
      held = Map.copyOf(admin.heldCounts());
    } catch (RuntimeException e) {
      LOG.warn("metrics: cannot count the held releases: {}", e.toString());
    }
    return new Snapshot(conflicts, models, repos, pending, held);
  }

  private void conflictGauge(MeterRegistry registry, String severity, String status) {
    String key = key(severity, status);
    gauge(
        registry,
        CONFLICTS,
        Tags.of("severity", severity, "status", status),
        "Conflicts of child models by severity, open or acknowledged",
        m -> {
          Map<String, Long> counts = m.snapshot.conflicts();
          return counts == null ? Double.NaN : counts.getOrDefault(key, 0L);
        });
  }

  private void modelGauge(MeterRegistry registry, String datasource) {
    gauge(
        registry,
        MODELS,
        Tags.of("datasource", datasource),
        "Upstream models imported, by datasource",
        m -> {
          Map<String, Integer> counts = m.snapshot.models();
          return counts == null ? Double.NaN : counts.getOrDefault(datasource, 0);
        });
  }

  private void heldGauge(MeterRegistry registry, String datasource) {
    gauge(
        registry,
        RELEASES_HELD,
        Tags.of("datasource", datasource),
        "Releases held for an admin's approval, by datasource",
        m -> {
          Map<String, Integer> counts = m.snapshot.held();
          return counts == null ? Double.NaN : counts.getOrDefault(datasource, 0);
        });
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      Tags tags,
      String description,
      ToDoubleFunction<ConsumerMetrics> value) {
    // A gauge registered already is found by its name and tags, not registered twice.
    Gauge.builder(name, this, value)
        .description(description)
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }

  private double lastSuccessAge(String repository) {
    RepositoryStatus status = repository(repository);
    if (status == null || status.lastSuccess == null) {
      return Double.NaN;
    }
    Instant last = status.lastSuccess;
    return Math.max(0, Duration.between(last, clock.instant()).toMillis() / 1000.0);
  }

  private double consecutiveFailures(String repository) {
    RepositoryStatus status = repository(repository);
    return status == null ? Double.NaN : status.consecutiveFailures;
  }

  private double warnings(String repository, SyncWarning.Kind kind) {
    RepositoryStatus status = repository(repository);
    return status == null
        ? Double.NaN
        : status.warnings.stream().filter(w -> w.kind() == kind).count();
  }

  private double pending() {
    Long pending = snapshot.pending();
    return pending == null ? Double.NaN : pending;
  }

  private RepositoryStatus repository(String repository) {
    Map<String, RepositoryStatus> repos = snapshot.repositories();
    return repos == null ? null : repos.get(repository);
  }

  /** The datasources imported, and those held before their first import. */
  private static List<String> datasources(Snapshot s) {
    Set<String> names = new TreeSet<>();
    if (s.models() != null) {
      names.addAll(s.models().keySet());
    }
    if (s.held() != null) {
      names.addAll(s.held().keySet());
    }
    return List.copyOf(names);
  }

  private static String key(String severity, String status) {
    return severity + "\n" + status;
  }
}
