package dev.alize.publisher.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.alize.common.notify.NotificationSettingsException;
import dev.alize.common.notify.WebhookSender;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The maintainers told through a real webhook receiver and a real SMTP server on 127.0.0.1. */
class MaintainerNotifierTest {

  private static final String SECRET = "maintainers-secret-1234";
  private static final MaintainerNotice NOTICE =
      new MaintainerNotice(
          "halt-eole-1.2.0",
          "Alizé: rollout of eole 1.2.0 halted",
          "2 of 20 sites (10.0%) failed to import it, above the policy's 5%",
          "{\"event\":\"rollout-halted\",\"datasource\":\"eole\",\"version\":\"1.2.0\"}");

  private HttpServer receiver;
  private final BlockingQueue<String> accepted = new ArrayBlockingQueue<>(10);
  private final AtomicInteger refusals = new AtomicInteger();
  private final AtomicInteger down = new AtomicInteger();
  private GreenMail smtp;
  private ScheduledExecutorService executor;

  @BeforeEach
  void start() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          int status;
          if (down.getAndDecrement() > 0) {
            status = 503;
          } else if (WebhookSender.signature(body, SECRET)
                  .equals(exchange.getRequestHeaders().getFirst(WebhookSender.SIGNATURE_HEADER))
              && NOTICE
                  .id()
                  .equals(exchange.getRequestHeaders().getFirst(WebhookSender.DELIVERY_HEADER))) {
            accepted.add(new String(body, StandardCharsets.UTF_8));
            status = 204;
          } else {
            refusals.incrementAndGet();
            status = 401;
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
    executor = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterEach
  void stop() {
    executor.shutdownNow();
    receiver.stop(0);
    smtp.stop();
  }

  private NotificationConfiguration configuration(String secret) {
    return new NotificationConfiguration(
        URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"),
        secret,
        "127.0.0.1",
        smtp.getSmtp().getPort(),
        false,
        null,
        null,
        "Alizé publisher <publisher@example.org>",
        List.of("maintainers@example.org"));
  }

  @Test
  void tell_reachesTheWebhookSigned_andTheMaintainersByMail() throws Exception {
    new MaintainerNotifier(configuration(SECRET), executor).tell(NOTICE);

    assertEquals(NOTICE.json(), accepted.poll(10, TimeUnit.SECONDS));
    assertTrue(smtp.waitForIncomingEmail(10_000, 1));
    MimeMessage mail = smtp.getReceivedMessages()[0];
    assertEquals(NOTICE.subject(), mail.getSubject());
    assertEquals(NOTICE.id(), mail.getHeader(WebhookSender.DELIVERY_HEADER)[0]);
    assertTrue(((String) mail.getContent()).contains("2 of 20 sites"));
    assertEquals(0, refusals.get());
  }

  @Test
  void aReceiverThatIsDown_isTriedAgainUntilItTakesTheNotice() throws Exception {
    down.set(2);

    new MaintainerNotifier(configuration(SECRET), executor, Duration.ofMillis(20)).tell(NOTICE);

    assertEquals(NOTICE.json(), accepted.poll(10, TimeUnit.SECONDS));
    assertTrue(down.get() < 0, "two refusals, then the delivery");
  }

  @Test
  void aShortSecretOrAMissingAddress_isRefusedNamingTheKey() {
    NotificationSettingsException secret =
        assertThrows(
            NotificationSettingsException.class,
            () -> new MaintainerNotifier(configuration("short"), executor));
    assertTrue(
        secret.getMessage().startsWith("alize.publisher.notifications.webhook-secret is too short"),
        secret.getMessage());
    List<String> none = new ArrayList<>();
    NotificationSettingsException to =
        assertThrows(
            NotificationSettingsException.class,
            () ->
                new MaintainerNotifier(
                    new NotificationConfiguration(
                        null, null, "127.0.0.1", 25, false, null, null, "a@example.org", none),
                    executor));
    assertTrue(
        to.getMessage().startsWith("alize.publisher.notifications.email-to:"), to::getMessage);
  }
}
