package dev.alize.consumer.notify;

import dev.alize.common.notify.DeliveryException;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.store.UtcTimestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox's rows after their import committed, with retries and exponential back-off,
 * so that a receiver that is down for a while still gets every notification.
 *
 * <p>Several consumer replicas may share one database and run dispatchers at once. Each row is
 * claimed before it is delivered, by a compare-and-set in its own short transaction: {@code
 * next_attempt_at} moves to the end of a lease ({@link #LEASE}) only if the row still has the
 * attempts and {@code next_attempt_at} the dispatcher read, so exactly one dispatcher wins the row
 * and the others see it as not due. Portable SQL, no lock held while a receiver is slow. When a
 * process dies between claim and record, the row is due again when the lease ends, and is delivered
 * again: receivers drop such duplicates by the delivery id (the row's id).
 *
 * <p>A row that failed {@link #MAX_ATTEMPTS} times is given up: it stays in the table with {@code
 * delivered_at} null, its attempts and its last error, and is never selected again.
 */
public final class OutboxDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);

  /** Attempts after which a row is given up. */
  public static final int MAX_ATTEMPTS = 20;

  /** The wait after the first failure, doubled after each further one. */
  public static final Duration FIRST_RETRY = Duration.ofSeconds(30);

  /** The longest wait between two attempts. */
  public static final Duration MAX_RETRY = Duration.ofHours(1);

  /** How long a claimed row belongs to its dispatcher; far longer than one delivery can take. */
  static final Duration LEASE = Duration.ofMinutes(5);

  /** Rows read per pass. */
  static final int BATCH = 100;

  /** A pass claims no more rows after this, so that every claim ends well within its lease. */
  static final Duration PASS_BUDGET = Duration.ofMinutes(2);

  /** How often {@link #deliverPending} tries a failed row again before its back-off is due. */
  static final int QUICK_RETRIES = 2;

  static final Duration FIRST_QUICK_PAUSE = Duration.ofSeconds(1);
  static final Duration MIN_PAUSE = Duration.ofMillis(50);

  /** The longest last_error kept. */
  static final int MAX_ERROR_LENGTH = 1000;

  /**
   * @param failed rows that failed and will be retried
   * @param more whether due rows were left for another pass (batch full, or time budget spent)
   */
  private record Pass(int delivered, List<OutboxRow> failed, boolean more) {}

  private final Database database;
  private final OutboxRepository rows;
  private final Map<String, NotificationChannel> channels;
  private final Clock clock;

  public OutboxDispatcher(
      Database database,
      OutboxRepository rows,
      Collection<? extends NotificationChannel> channels,
      Clock clock) {
    this.database = database;
    this.rows = rows;
    this.clock = clock;
    Map<String, NotificationChannel> byName = new LinkedHashMap<>();
    for (NotificationChannel channel : channels) {
      if (byName.put(channel.name(), channel) != null) {
        throw new IllegalArgumentException("two channels named " + channel.name());
      }
    }
    this.channels = Map.copyOf(byName);
  }

  /** A dispatcher through the log and the configured webhook and e-mail. */
  public static OutboxDispatcher create(
      Database database, OutboxRepository rows, NotificationSettings settings, Clock clock) {
    List<NotificationChannel> channels = new ArrayList<>();
    channels.add(new LogChannel());
    settings.webhook().ifPresent(w -> channels.add(new WebhookChannel(w, settings.console())));
    settings.email().ifPresent(e -> channels.add(new EmailChannel(e, settings.console())));
    return new OutboxDispatcher(database, rows, channels, clock);
  }

  /**
   * The wait after the {@code failures}-th failure: 30 s, 1 min, 2 min, … up to 1 h.
   *
   * @param failures 1 or more
   */
  public static Duration backoff(int failures) {
    Duration wait = FIRST_RETRY;
    for (int i = 1; i < failures && wait.compareTo(MAX_RETRY) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
  }

  /**
   * Delivers the rows due at {@code now}, in id order, up to one batch: each is marked delivered,
   * or its failure is recorded and it is due again after its back-off.
   *
   * @return how many rows were delivered
   * @throws dev.alize.consumer.persistence.DatabaseException when the database fails
   */
  public int deliverDue(Instant now) {
    return pass(now, List.of()).delivered();
  }

  /**
   * For {@code sync --once}: delivers what is due now, tries failures again after short pauses and
   * delivers rows whose back-off ends, all within {@code maxWait}, then returns. What is still
   * undelivered stays in the outbox for the next run.
   */
  public void deliverPending(Duration maxWait) {
    Instant deadline = clock.instant().plus(maxWait);
    Map<Long, Integer> quickTries = new HashMap<>();
    List<OutboxRow> retries = List.of();
    Duration pause = FIRST_QUICK_PAUSE;
    while (!Thread.currentThread().isInterrupted()) {
      Instant now = clock.instant();
      Pass pass = pass(now, retries);
      List<OutboxRow> again = new ArrayList<>();
      for (OutboxRow row : pass.failed()) {
        if (quickTries.merge(row.id(), 1, Integer::sum) <= QUICK_RETRIES) {
          again.add(row);
        }
      }
      retries = again;
      if (pass.more() && clock.instant().isBefore(deadline)) {
        continue;
      }
      Optional<Instant> wake = nextDue();
      if (!retries.isEmpty()) {
        Instant quick = clock.instant().plus(pause);
        wake = Optional.of(wake.filter(w -> w.isBefore(quick)).orElse(quick));
        pause = pause.multipliedBy(2);
      }
      if (wake.isEmpty() || wake.get().isAfter(deadline)) {
        break;
      }
      Duration sleep = Duration.between(clock.instant(), wake.get());
      try {
        Thread.sleep(Math.max(sleep.toMillis(), MIN_PAUSE.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    long left = undelivered();
    if (left > 0) {
      LOG.warn("{} notification(s) not delivered yet; tried again at the next sync", left);
    }
  }

  /** Rows neither delivered nor given up, for monitoring: one COUNT, nothing written. */
  public long pending() {
    return undelivered();
  }

  /** Rows neither delivered nor given up. */
  long undelivered() {
    return database.inTransaction(c -> rows.undelivered(MAX_ATTEMPTS));
  }

  private Optional<Instant> nextDue() {
    return database.inTransaction(
        c -> rows.firstDue(MAX_ATTEMPTS).stream().findFirst().map(OutboxRow::nextAttemptAt));
  }

  /**
   * Delivers the rows due at {@code now} and then {@code retries}, the rows this dispatcher failed.
   */
  private Pass pass(Instant now, List<OutboxRow> retries) {
    long started = System.nanoTime();
    List<OutboxRow> due =
        database.inTransaction(
            c -> rows.due(MAX_ATTEMPTS, UtcTimestamp.of(Outbox.timestamp(now)), BATCH));
    boolean more = due.size() == BATCH;
    List<OutboxRow> rows = new ArrayList<>(due);
    Set<Long> ids = new HashSet<>();
    due.forEach(r -> ids.add(r.id()));
    retries.stream().filter(r -> !ids.contains(r.id())).forEach(rows::add);
    rows.sort(Comparator.comparingLong(OutboxRow::id));
    int delivered = 0;
    List<OutboxRow> failed = new ArrayList<>();
    for (OutboxRow row : rows) {
      if (Thread.currentThread().isInterrupted()) {
        break;
      }
      if (Duration.ofNanos(System.nanoTime() - started).compareTo(PASS_BUDGET) > 0) {
        more = true;
        break;
      }
      Optional<OutboxRow> claimed = claim(row, now);
      if (claimed.isEmpty()) {
        continue;
      }
      Optional<OutboxRow> failure = deliver(claimed.get(), now);
      if (failure.isEmpty()) {
        delivered++;
      } else if (failure.get().attempts() < MAX_ATTEMPTS) {
        failed.add(failure.get());
      }
    }
    return new Pass(delivered, failed, more);
  }

  /** The row as this dispatcher now holds it, or empty when another one took it first. */
  private Optional<OutboxRow> claim(OutboxRow row, Instant now) {
    Instant lease = Outbox.timestamp(now.plus(LEASE));
    int updated =
        database.inTransaction(
            c ->
                rows.claim(
                    row.id(),
                    row.attempts(),
                    UtcTimestamp.of(row.nextAttemptAt()),
                    UtcTimestamp.of(lease)));
    if (updated != 1) {
      LOG.debug("notification #{} taken by another dispatcher", row.id());
      return Optional.empty();
    }
    return Optional.of(
        new OutboxRow(row.id(), row.channel(), row.payload(), row.attempts(), lease));
  }

  /** Delivers a claimed row and records the outcome: empty when delivered, else the row after. */
  private Optional<OutboxRow> deliver(OutboxRow row, Instant now) {
    ImportNotice notice;
    try {
      notice = ImportNotice.fromJson(row.payload());
    } catch (IllegalArgumentException e) {
      return Optional.of(failed(row, now, "unreadable payload: " + e.getMessage(), true));
    }
    NotificationChannel channel = channels.get(row.channel());
    if (channel == null) {
      return Optional.of(
          failed(
              row,
              now,
              "the " + row.channel() + " channel is not configured on this consumer",
              false));
    }
    try {
      channel.deliver(new Delivery(row.id(), notice, row.payload()));
    } catch (DeliveryException | RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
      return Optional.of(failed(row, now, message, false));
    }
    int attempts = row.attempts() + 1;
    database.inTransaction(
        c -> rows.delivered(row.id(), attempts, UtcTimestamp.of(Outbox.timestamp(now))));
    LOG.debug("notification #{} delivered by {}", row.id(), row.channel());
    return Optional.empty();
  }

  /** Records a failed attempt; the row is given up after the last one, or at once if hopeless. */
  private OutboxRow failed(OutboxRow row, Instant now, String error, boolean hopeless) {
    int attempts = hopeless ? Math.max(MAX_ATTEMPTS, row.attempts() + 1) : row.attempts() + 1;
    boolean givenUp = attempts >= MAX_ATTEMPTS;
    Instant next = Outbox.timestamp(givenUp ? now : now.plus(backoff(attempts)));
    String kept =
        error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH - 1) + "…" : error;
    database.inTransaction(
        c ->
            rows.failed(
                row.id(),
                attempts,
                kept,
                UtcTimestamp.of(next),
                row.attempts(),
                UtcTimestamp.of(row.nextAttemptAt())));
    if (givenUp) {
      LOG.error(
          "notification #{} ({}) given up after {} attempt(s): {}",
          row.id(),
          row.channel(),
          attempts,
          kept);
    } else {
      LOG.warn(
          "notification #{} ({}) not delivered, attempt {} of {}, next at {}: {}",
          row.id(),
          row.channel(),
          attempts,
          MAX_ATTEMPTS,
          next,
          kept);
    }
    return new OutboxRow(row.id(), row.channel(), row.payload(), attempts, next);
  }
}
