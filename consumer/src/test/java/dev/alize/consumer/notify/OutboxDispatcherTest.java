package dev.alize.consumer.notify;

import static dev.alize.consumer.notify.Notices.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.notify.MailTarget;
import dev.alize.common.notify.WebhookTarget;
import dev.alize.consumer.notify.Notices.OutboxRow;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.persistence.OpenDatabase;
import dev.alize.consumer.persistence.TestDatabases;
import java.net.URI;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The outbox and its dispatcher on a real database, with channels that count or fail. */
class OutboxDispatcherTest {

  private static final NotificationSettings ALL_CHANNELS =
      new NotificationSettings(
          Optional.of(
              new WebhookTarget(URI.create("https://hooks.example.org/"), "0123456789abcdef")),
          Optional.of(
              new MailTarget(
                  "smtp.example.org", 25, false, null, null, "a@x.org", List.of("b@x.org"))),
          Optional.empty());

  private OpenDatabase opened;

  private Database db;
  private final CountingChannel log = new CountingChannel("log");
  private final CountingChannel webhook = new CountingChannel("webhook");
  private final CountingChannel email = new CountingChannel("email");

  @BeforeEach
  void open() {
    opened = Notices.h2();
    db = opened.database();
  }

  @AfterEach
  void close() {
    opened.close();
  }

  private OutboxDispatcher dispatcher(NotificationChannel... channels) {
    return new OutboxDispatcher(db, rows(), List.of(channels), Clock.systemUTC());
  }

  @Test
  void writesOneRowPerConfiguredChannelWithTheNoticeAsPayload() {
    Notices.commit(db, new Outbox(ALL_CHANNELS, rows()), Notices.sample(), NOW);
    Notices.commit(db, new Outbox(NotificationSettings.logOnly(), rows()), Notices.sample(), NOW);

    List<OutboxRow> rows = Notices.rows(db);
    assertEquals(
        List.of("log", "webhook", "email", "log"), rows.stream().map(OutboxRow::channel).toList());
    for (OutboxRow row : rows) {
      assertEquals(Notices.sample(), ImportNotice.fromJson(row.payload()));
      assertEquals(0, row.attempts());
      assertEquals(NOW, row.nextAttemptAt());
      assertNull(row.deliveredAt());
    }
  }

  @Test
  void rowsOfARolledBackTransactionAreNeverDelivered() {
    Outbox outbox = new Outbox(ALL_CHANNELS, rows());
    assertThrows(
        IllegalStateException.class,
        () ->
            db.inTransaction(
                c -> {
                  outbox.add(Notices.sample(), NOW);
                  throw new IllegalStateException("the import failed");
                }));

    OutboxDispatcher dispatcher = dispatcher(log, webhook, email);
    assertEquals(0, dispatcher.deliverDue(NOW.plusSeconds(3600)));
    dispatcher.deliverPending(Duration.ZERO);

    assertEquals(List.of(), Notices.rows(db));
    assertEquals(0, log.calls() + webhook.calls() + email.calls());
  }

  @Test
  void committedRowsAreDeliveredExactlyOnce() {
    Notices.commit(db, new Outbox(ALL_CHANNELS, rows()), Notices.sample(), NOW);
    OutboxDispatcher dispatcher = dispatcher(log, webhook, email);

    assertEquals(0, dispatcher.deliverDue(NOW.minusSeconds(1)), "not due yet");
    assertEquals(3, dispatcher.deliverDue(NOW));
    assertEquals(0, dispatcher.deliverDue(NOW));
    assertEquals(0, dispatcher.deliverDue(NOW.plus(Duration.ofDays(2))));
    dispatcher.deliverPending(Duration.ofMillis(100));

    for (CountingChannel channel : List.of(log, webhook, email)) {
      assertEquals(1, channel.deliveries().size(), channel.name());
      Delivery delivery = channel.deliveries().get(0);
      assertEquals(Notices.sample(), delivery.notice());
      OutboxRow row = Notices.row(db, channel.name());
      assertEquals(row.id(), delivery.id());
      assertEquals(row.payload(), delivery.json());
      assertEquals(NOW, row.deliveredAt());
      assertEquals(1, row.attempts());
      assertNull(row.lastError());
    }
    assertEquals(0, dispatcher.undelivered());
  }

  @Test
  void aFailedDeliveryIsRetriedAfterItsBackoff() {
    Notices.commit(db, new Outbox(NotificationSettings.logOnly(), rows()), Notices.sample(), NOW);
    CountingChannel flaky = new CountingChannel("log").failing(1);
    OutboxDispatcher dispatcher = dispatcher(flaky);

    assertEquals(0, dispatcher.deliverDue(NOW));
    OutboxRow failed = Notices.row(db, "log");
    assertEquals(1, failed.attempts());
    assertEquals("log receiver is down", failed.lastError());
    assertEquals(NOW.plusSeconds(30), failed.nextAttemptAt());
    assertNull(failed.deliveredAt());

    assertEquals(0, dispatcher.deliverDue(NOW.plusSeconds(29)));
    assertEquals(1, flaky.calls(), "not tried again before its back-off");
    assertEquals(1, dispatcher.deliverDue(NOW.plusSeconds(30)));

    OutboxRow delivered = Notices.row(db, "log");
    assertEquals(2, delivered.attempts());
    assertEquals(NOW.plusSeconds(30), delivered.deliveredAt());
    assertEquals("log receiver is down", delivered.lastError(), "the last error is kept");
    assertEquals(1, flaky.deliveries().size());
  }

  @Test
  void backoffDoublesFromThirtySecondsUpToAnHour() {
    assertEquals(Duration.ofSeconds(30), OutboxDispatcher.backoff(1));
    assertEquals(Duration.ofSeconds(60), OutboxDispatcher.backoff(2));
    assertEquals(Duration.ofSeconds(120), OutboxDispatcher.backoff(3));
    assertEquals(Duration.ofSeconds(1920), OutboxDispatcher.backoff(7));
    assertEquals(Duration.ofHours(1), OutboxDispatcher.backoff(8));
    assertEquals(Duration.ofHours(1), OutboxDispatcher.backoff(19));
    assertEquals(Duration.ofHours(1), OutboxDispatcher.backoff(Integer.MAX_VALUE));
  }

  @Test
  void aRowThatFailedTwentyTimesIsGivenUpAndKept() {
    Notices.commit(db, new Outbox(NotificationSettings.logOnly(), rows()), Notices.sample(), NOW);
    CountingChannel dead = new CountingChannel("log").failing(Integer.MAX_VALUE);
    OutboxDispatcher dispatcher = dispatcher(dead);

    Instant at = NOW;
    for (int attempt = 1; attempt <= OutboxDispatcher.MAX_ATTEMPTS; attempt++) {
      assertEquals(0, dispatcher.deliverDue(at));
      OutboxRow row = Notices.row(db, "log");
      assertEquals(attempt, row.attempts());
      if (attempt < OutboxDispatcher.MAX_ATTEMPTS) {
        assertEquals(at.plus(OutboxDispatcher.backoff(attempt)), row.nextAttemptAt());
        at = row.nextAttemptAt();
      }
    }
    assertEquals(0, dispatcher.deliverDue(at.plus(Duration.ofDays(30))));
    dispatcher.deliverPending(Duration.ofMillis(100));

    assertEquals(OutboxDispatcher.MAX_ATTEMPTS, dead.calls());
    OutboxRow givenUp = Notices.row(db, "log");
    assertNull(givenUp.deliveredAt());
    assertEquals(OutboxDispatcher.MAX_ATTEMPTS, givenUp.attempts());
    assertEquals("log receiver is down", givenUp.lastError());
    assertEquals(at, givenUp.nextAttemptAt(), "the time of the last attempt, not a far future");
    assertEquals(0, dispatcher.undelivered());
  }

  @Test
  void anUnreadablePayloadIsGivenUpAtOnce() {
    db.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO notification_outbox (channel, payload, created_at, next_attempt_at)"
                      + " VALUES ('log', '{not json', ?, ?)")) {
            s.setObject(1, LocalDateTime.ofInstant(NOW, ZoneOffset.UTC));
            s.setObject(2, LocalDateTime.ofInstant(NOW, ZoneOffset.UTC));
            return s.executeUpdate();
          }
        });

    assertEquals(0, dispatcher(log).deliverDue(NOW));

    OutboxRow row = Notices.row(db, "log");
    assertEquals(OutboxDispatcher.MAX_ATTEMPTS, row.attempts());
    assertTrue(row.lastError().startsWith("unreadable payload"), row.lastError());
    assertEquals(0, log.calls());
  }

  @Test
  void aRowForAChannelNoLongerConfiguredFailsAndWaits() {
    Notices.commit(db, new Outbox(ALL_CHANNELS, rows()), Notices.sample(), NOW);

    assertEquals(1, dispatcher(log).deliverDue(NOW));

    OutboxRow row = Notices.row(db, "webhook");
    assertEquals(1, row.attempts());
    assertEquals("the webhook channel is not configured on this consumer", row.lastError());
    assertEquals(NOW.plusSeconds(30), row.nextAttemptAt());
    assertEquals(2, dispatcher(log, webhook, email).deliverDue(NOW.plusSeconds(30)));
  }

  @Test
  void deliverPendingRetriesAFailureWithinItsWait() {
    Notices.commit(db, new Outbox(NotificationSettings.logOnly(), rows()), Notices.sample(), NOW);
    CountingChannel flaky = new CountingChannel("log").failing(1);

    dispatcher(flaky).deliverPending(Duration.ofSeconds(20));

    OutboxRow row = Notices.row(db, "log");
    assertNotNull(row.deliveredAt());
    assertEquals(2, row.attempts());
    assertEquals(1, flaky.deliveries().size());
  }

  @Test
  void deliverPendingReturnsWithinItsWaitAndLeavesTheRest() {
    Notices.commit(db, new Outbox(NotificationSettings.logOnly(), rows()), Notices.sample(), NOW);
    CountingChannel dead = new CountingChannel("log").failing(Integer.MAX_VALUE);
    OutboxDispatcher dispatcher = dispatcher(dead);

    long started = System.nanoTime();
    dispatcher.deliverPending(Duration.ofMillis(2500));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took);
    OutboxRow row = Notices.row(db, "log");
    assertNull(row.deliveredAt());
    assertEquals(2, row.attempts(), "one try, then one quick retry after 1 s");
    assertEquals(1, dispatcher.undelivered());
  }

  /** Two replicas on one database, dispatching at the same time: each row goes out once. */
  @ParameterizedTest(name = "[{0}]")
  @EnumSource(TestDatabases.Kind.class)
  void twoDispatchersSharingOneDatabaseDeliverEachRowOnce(TestDatabases.Kind kind)
      throws Exception {
    int notices = 40;
    var settings =
        kind == TestDatabases.Kind.H2
            ? db.settings()
            : TestDatabases.fresh(TestDatabases.Kind.POSTGRES);
    try (OpenDatabase one = OpenDatabase.open(settings);
        OpenDatabase two = OpenDatabase.open(settings)) {
      Database first = one.database();
      Database second = two.database();
      Outbox outbox = new Outbox(NotificationSettings.logOnly(), one.bean(OutboxRepository.class));
      for (int i = 0; i < notices; i++) {
        Notices.commit(first, outbox, Notices.sample(), NOW);
      }
      CountingChannel shared = new CountingChannel("log").pausing(2);
      List<OutboxDispatcher> replicas =
          List.of(
              new OutboxDispatcher(
                  first, one.bean(OutboxRepository.class), List.of(shared), Clock.systemUTC()),
              new OutboxDispatcher(
                  second, two.bean(OutboxRepository.class), List.of(shared), Clock.systemUTC()));
      CyclicBarrier start = new CyclicBarrier(replicas.size());
      ExecutorService pool = Executors.newFixedThreadPool(replicas.size());
      try {
        List<Callable<Integer>> runs = new ArrayList<>();
        for (OutboxDispatcher replica : replicas) {
          runs.add(
              () -> {
                start.await(10, TimeUnit.SECONDS);
                return replica.deliverDue(NOW) + replica.deliverDue(NOW);
              });
        }
        int total = 0;
        List<Integer> each = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(runs, 60, TimeUnit.SECONDS)) {
          each.add(f.get());
          total += f.get();
        }

        assertEquals(notices, total, "deliveries per replica: " + each);
        Map<Long, Integer> perRow = new TreeMap<>();
        shared.deliveries().forEach(d -> perRow.merge(d.id(), 1, Integer::sum));
        assertEquals(notices, perRow.size());
        assertTrue(perRow.values().stream().allMatch(n -> n == 1), "" + perRow);
        assertTrue(Notices.rows(first).stream().allMatch(r -> r.deliveredAt() != null));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private OutboxRepository rows() {
    return opened.bean(OutboxRepository.class);
  }
}
