package dev.alize.consumer.notify;

import dev.alize.consumer.persistence.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
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

  private static final String SELECT_DUE =
      "SELECT id, channel, payload, attempts, next_attempt_at FROM notification_outbox"
          + " WHERE delivered_at IS NULL AND attempts < ? AND next_attempt_at <= ?"
          + " ORDER BY id FETCH FIRST "
          + BATCH
          + " ROWS ONLY";

  private static final String CLAIM =
      "UPDATE notification_outbox SET next_attempt_at = ?"
          + " WHERE id = ? AND delivered_at IS NULL AND attempts = ? AND next_attempt_at = ?";

  private static final String DELIVERED =
      "UPDATE notification_outbox SET delivered_at = ?, attempts = ?"
          + " WHERE id = ? AND delivered_at IS NULL";

  private static final String FAILED =
      "UPDATE notification_outbox SET attempts = ?, last_error = ?, next_attempt_at = ?"
          + " WHERE id = ? AND delivered_at IS NULL AND attempts = ? AND next_attempt_at = ?";

  private static final String NEXT_DUE =
      "SELECT MIN(next_attempt_at), COUNT(*) FROM notification_outbox"
          + " WHERE delivered_at IS NULL AND attempts < ?";

  /** One undelivered row as read, or as this dispatcher left it after a failure. */
  private record Row(
      long id, String channel, String payload, int attempts, LocalDateTime nextAttemptAt) {}

  /**
   * @param failed rows that failed and will be retried
   * @param more whether due rows were left for another pass (batch full, or time budget spent)
   */
  private record Pass(int delivered, List<Row> failed, boolean more) {}

  private final Database database;
  private final Map<String, NotificationChannel> channels;
  private final Clock clock;

  public OutboxDispatcher(
      Database database, Collection<? extends NotificationChannel> channels, Clock clock) {
    this.database = database;
    this.clock = clock;
    Map<String, NotificationChannel> byName = new LinkedHashMap<>();
    for (NotificationChannel channel : channels) {
      if (byName.put(channel.name(), channel) != null) {
        throw new IllegalArgumentException("two channels named " + channel.name());
      }
    }
    this.channels = Map.copyOf(byName);
  }

  /** A dispatcher through the log and the configured webhook and e-mail, on the system clock. */
  public static OutboxDispatcher create(Database database, NotificationSettings settings) {
    List<NotificationChannel> channels = new ArrayList<>();
    channels.add(new LogChannel());
    settings.webhook().ifPresent(w -> channels.add(new WebhookChannel(w)));
    settings.email().ifPresent(e -> channels.add(new EmailChannel(e)));
    return new OutboxDispatcher(database, channels, Clock.systemUTC());
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
    List<Row> retries = List.of();
    Duration pause = FIRST_QUICK_PAUSE;
    while (!Thread.currentThread().isInterrupted()) {
      Instant now = clock.instant();
      Pass pass = pass(now, retries);
      List<Row> again = new ArrayList<>();
      for (Row row : pass.failed()) {
        if (quickTries.merge(row.id(), 1, Integer::sum) <= QUICK_RETRIES) {
          again.add(row);
        }
      }
      retries = again;
      if (pass.more() && clock.instant().isBefore(deadline)) {
        continue;
      }
      Optional<Instant> wake = nextDue().map(Outbox::instant);
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
    return database.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(NEXT_DUE)) {
            s.setInt(1, MAX_ATTEMPTS);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              return rs.getLong(2);
            }
          }
        });
  }

  private Optional<LocalDateTime> nextDue() {
    return database.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(NEXT_DUE)) {
            s.setInt(1, MAX_ATTEMPTS);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              return Optional.ofNullable(rs.getObject(1, LocalDateTime.class));
            }
          }
        });
  }

  /**
   * Delivers the rows due at {@code now} and then {@code retries}, the rows this dispatcher failed.
   */
  private Pass pass(Instant now, List<Row> retries) {
    long started = System.nanoTime();
    List<Row> due = database.inTransaction(c -> selectDue(c, now));
    boolean more = due.size() == BATCH;
    List<Row> rows = new ArrayList<>(due);
    Set<Long> ids = new HashSet<>();
    due.forEach(r -> ids.add(r.id()));
    retries.stream().filter(r -> !ids.contains(r.id())).forEach(rows::add);
    rows.sort(Comparator.comparingLong(Row::id));
    int delivered = 0;
    List<Row> failed = new ArrayList<>();
    for (Row row : rows) {
      if (Thread.currentThread().isInterrupted()) {
        break;
      }
      if (Duration.ofNanos(System.nanoTime() - started).compareTo(PASS_BUDGET) > 0) {
        more = true;
        break;
      }
      Optional<Row> claimed = claim(row, now);
      if (claimed.isEmpty()) {
        continue;
      }
      Optional<Row> failure = deliver(claimed.get(), now);
      if (failure.isEmpty()) {
        delivered++;
      } else if (failure.get().attempts() < MAX_ATTEMPTS) {
        failed.add(failure.get());
      }
    }
    return new Pass(delivered, failed, more);
  }

  private static List<Row> selectDue(Connection c, Instant now) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(SELECT_DUE)) {
      s.setInt(1, MAX_ATTEMPTS);
      s.setObject(2, Outbox.timestamp(now));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new Row(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getInt(4),
                  rs.getObject(5, LocalDateTime.class)));
        }
      }
    }
    return rows;
  }

  /** The row as this dispatcher now holds it, or empty when another one took it first. */
  private Optional<Row> claim(Row row, Instant now) {
    LocalDateTime lease = Outbox.timestamp(now.plus(LEASE));
    int updated =
        database.inTransaction(
            c -> {
              try (PreparedStatement s = c.prepareStatement(CLAIM)) {
                s.setObject(1, lease);
                s.setLong(2, row.id());
                s.setInt(3, row.attempts());
                s.setObject(4, row.nextAttemptAt());
                return s.executeUpdate();
              }
            });
    if (updated != 1) {
      LOG.debug("notification #{} taken by another dispatcher", row.id());
      return Optional.empty();
    }
    return Optional.of(new Row(row.id(), row.channel(), row.payload(), row.attempts(), lease));
  }

  /** Delivers a claimed row and records the outcome: empty when delivered, else the row after. */
  private Optional<Row> deliver(Row row, Instant now) {
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
        c -> {
          try (PreparedStatement s = c.prepareStatement(DELIVERED)) {
            s.setObject(1, Outbox.timestamp(now));
            s.setInt(2, attempts);
            s.setLong(3, row.id());
            return s.executeUpdate();
          }
        });
    LOG.debug("notification #{} delivered by {}", row.id(), row.channel());
    return Optional.empty();
  }

  /** Records a failed attempt; the row is given up after the last one, or at once if hopeless. */
  private Row failed(Row row, Instant now, String error, boolean hopeless) {
    int attempts = hopeless ? Math.max(MAX_ATTEMPTS, row.attempts() + 1) : row.attempts() + 1;
    boolean givenUp = attempts >= MAX_ATTEMPTS;
    LocalDateTime next = Outbox.timestamp(givenUp ? now : now.plus(backoff(attempts)));
    String kept =
        error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH - 1) + "…" : error;
    database.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(FAILED)) {
            s.setInt(1, attempts);
            s.setString(2, kept);
            s.setObject(3, next);
            s.setLong(4, row.id());
            s.setInt(5, row.attempts());
            s.setObject(6, row.nextAttemptAt());
            return s.executeUpdate();
          }
        });
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
          Outbox.instant(next),
          kept);
    }
    return new Row(row.id(), row.channel(), row.payload(), attempts, next);
  }
}
