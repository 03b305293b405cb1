package dev.alize.consumer.notify;

import static dev.alize.consumer.notify.Notices.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.common.notify.DeliveryException;
import dev.alize.common.notify.WebhookSender;
import dev.alize.common.notify.WebhookTarget;
import dev.alize.consumer.config.CheckedContexts;
import dev.alize.consumer.notify.Notices.OutboxRow;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.persistence.OpenDatabase;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook against a real HTTP receiver that checks the signature. */
class WebhookChannelTest {

  private static final String SECRET = "a-shared-secret-of-32-characters";

  private OpenDatabase opened;

  private Database db;
  private WebhookReceiver receiver;

  @BeforeEach
  void open() throws IOException {
    opened = Notices.h2();
    db = opened.database();
    receiver = new WebhookReceiver(SECRET);
  }

  @AfterEach
  void close() {
    receiver.close();
    opened.close();
  }

  private static NotificationSettings webhookTo(URI url, String secret) {
    return NotificationSettings.from(
        new NotificationProperties(url, secret, null, 25, false, null, null, null, null, null));
  }

  @Test
  void signatureIsTheHexHmacSha256OfTheBody() {
    // RFC 4231, test case 2.
    assertEquals(
        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        WebhookSender.signature(
            "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8), "Jefe"));
  }

  @Test
  void theReceiverGetsTheSignedJsonOnceWithTheDeliveryId() {
    NotificationSettings settings = webhookTo(receiver.url(), SECRET);
    Notices.commit(db, new Outbox(settings, rows()), Notices.sample(), NOW);
    OutboxDispatcher dispatcher = OutboxDispatcher.create(db, rows(), settings, Clock.systemUTC());

    assertEquals(2, dispatcher.deliverDue(NOW));
    assertEquals(0, dispatcher.deliverDue(NOW.plusSeconds(3600)));

    OutboxRow row = Notices.row(db, "webhook");
    assertEquals(1, receiver.requests());
    WebhookReceiver.Received received = receiver.accepted().get(0);
    assertEquals(Long.toString(row.id()), received.deliveryId());
    assertTrue(received.contentType().startsWith("application/json"), received.contentType());
    assertEquals(row.payload(), received.body());
    assertEquals(Notices.sample(), ImportNotice.fromJson(received.body()));
    assertEquals(NOW, row.deliveredAt());
  }

  @Test
  void withAConsoleUrl_theReceiverGetsTheLinks_signed_andTheOutboxKeepsThePayloadWithout()
      throws Exception {
    NotificationSettings settings;
    try (ApplicationContext context =
        CheckedContexts.start(
            Map.of(
                "alize.consumer.notifications.webhook-url",
                receiver.url().toString(),
                "alize.consumer.notifications.webhook-secret",
                SECRET,
                "alize.consumer.notifications.console-url",
                "https://alize.site.example:8480/console/"))) {
      settings = NotificationSettings.from(context.getBean(NotificationProperties.class));
    }
    Notices.commit(db, new Outbox(settings, rows()), Notices.sample(), NOW);
    Notices.commit(
        db,
        new Outbox(settings, rows()),
        ImportNotice.held("upstream", "eole", "1.4.0", "2.0.0+build.5", "MAJOR"),
        NOW);
    receiver.answering(500);
    OutboxDispatcher dispatcher = OutboxDispatcher.create(db, rows(), settings, Clock.systemUTC());

    dispatcher.deliverDue(NOW);
    dispatcher.deliverDue(NOW.plusSeconds(30));

    assertEquals(2, receiver.accepted().size(), "the refused one after its back-off");
    ObjectMapper json = new ObjectMapper();
    for (OutboxRow row : Notices.rows(db)) {
      assertNotNull(row.deliveredAt(), row.toString());
      assertFalse(row.payload().contains("\"url\""), row.payload());
    }
    JsonNode imported = json.readTree(received("import").body());
    assertEquals("https://alize.site.example:8480/console/conflicts", imported.get("url").asText());
    assertEquals(
        "https://alize.site.example:8480/console/conflicts/12",
        imported.get("conflicts").get(0).get("url").asText());
    assertEquals(Notices.sample(), ImportNotice.fromJson(received("import").body()));
    JsonNode held = json.readTree(received("held").body());
    assertEquals(
        "https://alize.site.example:8480/console/held/eole/2.0.0%2Bbuild.5",
        held.get("url").asText());
  }

  private WebhookReceiver.Received received(String kind) {
    return receiver.accepted().stream()
        .filter(r -> r.body().contains("\"kind\":\"" + kind + "\""))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in " + receiver.accepted()));
  }

  @Test
  void aReceiverWithAnotherSecretRejectsItAndTheDeliveryIsRetriedLater() throws IOException {
    try (WebhookReceiver other = new WebhookReceiver("another-secret-entirely-0000")) {
      NotificationSettings settings = webhookTo(other.url(), SECRET);
      Notices.commit(db, new Outbox(settings, rows()), Notices.sample(), NOW);
      OutboxDispatcher dispatcher =
          OutboxDispatcher.create(db, rows(), settings, Clock.systemUTC());

      assertEquals(1, dispatcher.deliverDue(NOW), "the log only");

      assertEquals(1, other.rejected());
      assertEquals(List.of(), other.accepted());
      OutboxRow row = Notices.row(db, "webhook");
      assertNull(row.deliveredAt());
      assertEquals(1, row.attempts());
      assertTrue(row.lastError().contains("HTTP 401"), row.lastError());
      assertTrue(row.lastError().contains("bad signature"), row.lastError());
      assertEquals(NOW.plusSeconds(30), row.nextAttemptAt());

      assertEquals(0, dispatcher.deliverDue(NOW.plusSeconds(30)));
      assertEquals(2, other.rejected(), "tried again after the back-off");
      assertEquals(2, Notices.row(db, "webhook").attempts());
    }
  }

  @Test
  void aReceiverAnswering500ThenOkGetsItAfterTheBackoff() {
    receiver.answering(500);
    NotificationSettings settings = webhookTo(receiver.url(), SECRET);
    Notices.commit(db, new Outbox(settings, rows()), Notices.sample(), NOW);
    OutboxDispatcher dispatcher = OutboxDispatcher.create(db, rows(), settings, Clock.systemUTC());

    assertEquals(1, dispatcher.deliverDue(NOW));
    OutboxRow failed = Notices.row(db, "webhook");
    assertEquals(1, failed.attempts());
    assertTrue(
        failed.lastError().contains("answered HTTP 500: try again later"), failed.lastError());
    assertEquals(NOW.plusSeconds(30), failed.nextAttemptAt());

    assertEquals(0, dispatcher.deliverDue(NOW.plusSeconds(10)));
    assertEquals(1, receiver.requests());
    assertEquals(1, dispatcher.deliverDue(NOW.plusSeconds(30)));

    OutboxRow delivered = Notices.row(db, "webhook");
    assertEquals(2, delivered.attempts());
    assertEquals(NOW.plusSeconds(30), delivered.deliveredAt());
    assertTrue(delivered.lastError().contains("HTTP 500"), delivered.lastError());
    assertEquals(1, receiver.accepted().size());
    assertEquals(Long.toString(delivered.id()), receiver.accepted().get(0).deliveryId());
  }

  @Test
  void deliverPendingRetriesA500WithinItsWait() {
    receiver.answering(500);
    NotificationSettings settings = webhookTo(receiver.url(), SECRET);
    Notices.commit(db, new Outbox(settings, rows()), Notices.sample(), NOW);

    OutboxDispatcher.create(db, rows(), settings, Clock.systemUTC())
        .deliverPending(Duration.ofSeconds(20));

    OutboxRow row = Notices.row(db, "webhook");
    assertNotNull(row.deliveredAt());
    assertEquals(2, row.attempts());
    assertEquals(2, receiver.requests());
    assertEquals(1, receiver.accepted().size());
  }

  @Test
  void aReceiverThatIsNotListeningIsAFailure() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    WebhookChannel channel =
        new WebhookChannel(
            new WebhookTarget(URI.create("http://127.0.0.1:" + port + "/hook"), SECRET),
            Optional.empty());
    Delivery delivery = new Delivery(7, Notices.sample(), Notices.sample().toJson());

    DeliveryException e = assertThrows(DeliveryException.class, () -> channel.deliver(delivery));
    assertTrue(e.getMessage().startsWith("webhook http://127.0.0.1:" + port), e.getMessage());
  }

  @Test
  void createUsesOnlyTheConfiguredChannels() {
    NotificationSettings settings = NotificationSettings.logOnly();
    Notices.commit(
        db, new Outbox(webhookTo(receiver.url(), SECRET), rows()), Notices.sample(), NOW);

    assertEquals(
        1, OutboxDispatcher.create(db, rows(), settings, Clock.systemUTC()).deliverDue(NOW));
    assertTrue(
        Notices.row(db, "webhook").lastError().contains("not configured"),
        Notices.row(db, "webhook").lastError());
  }

  private OutboxRepository rows() {
    return opened.bean(OutboxRepository.class);
  }
}
