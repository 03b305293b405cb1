package dev.alize.consumer.notify;

import static dev.alize.consumer.notify.Notices.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.alize.common.notify.DeliveryException;
import dev.alize.consumer.notify.Notices.OutboxRow;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.persistence.OpenDatabase;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** E-mail through a real SMTP server (GreenMail) on a free port of 127.0.0.1. */
class EmailChannelTest {

  private static final List<String> ADMINS = List.of("admin@example.org", "ops@example.org");

  private GreenMail smtp;
  private OpenDatabase opened;
  private Database db;

  @BeforeEach
  void start() {
    smtp =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alize", "smtp-pw-1234"));
    smtp.start();
    opened = Notices.h2();
    db = opened.database();
  }

  @AfterEach
  void stop() {
    opened.close();
    smtp.stop();
  }

  private NotificationSettings emailSettings(String username, String password) {
    return emailSettings(username, password, null);
  }

  private NotificationSettings emailSettings(String username, String password, URI consoleUrl) {
    return NotificationSettings.from(
        new NotificationProperties(
            null,
            null,
            "127.0.0.1",
            smtp.getSmtp().getPort(),
            false,
            username,
            password,
            "Alizé <alize@example.org>",
            ADMINS,
            consoleUrl));
  }

  @Test
  void theAdminsReceiveTheNoticeOnce() throws Exception {
    NotificationSettings settings = emailSettings(null, null);
    Notices.commit(db, new Outbox(settings, rows()), Notices.sample(), NOW);
    OutboxDispatcher dispatcher = OutboxDispatcher.create(db, rows(), settings, Clock.systemUTC());

    assertEquals(2, dispatcher.deliverDue(NOW), "log and e-mail");
    assertEquals(0, dispatcher.deliverDue(NOW.plusSeconds(3600)));

    MimeMessage[] received = smtp.getReceivedMessages();
    assertEquals(ADMINS.size(), received.length, "one copy per recipient");
    MimeMessage mail = received[0];
    assertEquals(
        "Alizé: eole 1.0.0 → 2.0.0 imported, 1 blocking conflict, 1 warning, 1 for information",
        mail.getSubject());
    assertEquals(Set.copyOf(ADMINS), addresses(mail.getRecipients(Message.RecipientType.TO)));
    assertEquals(Set.of("alize@example.org"), addresses(mail.getFrom()));
    assertTrue(
        mail.getContentType().toLowerCase(Locale.ROOT).contains("text/plain"),
        mail.getContentType());
    assertTrue(
        mail.getContentType().toLowerCase(Locale.ROOT).contains("utf-8"), mail.getContentType());
    OutboxRow row = Notices.row(db, "email");
    assertEquals(Long.toString(row.id()), mail.getHeader("X-Alize-Delivery", null));
    assertEquals("auto-generated", mail.getHeader("Auto-Submitted", null));

    String body = ((String) mail.getContent()).replace("\r\n", "\n");
    assertTrue(body.contains("Datasource:   eole"), body);
    assertTrue(body.contains("Old version:  1.0.0"), body);
    assertTrue(body.contains("New version:  2.0.0"), body);
    assertTrue(body.contains("2 added, 1 changed, 3 removed, 5 unchanged, 1 withdrawn"), body);
    int blocking = body.indexOf("Blocking (1):");
    int warning = body.indexOf("Warning (1):");
    int information = body.indexOf("Information (1):");
    assertTrue(blocking >= 0 && blocking < body.indexOf("#12"), body);
    assertTrue(warning < body.indexOf("#14") && body.indexOf("#14") < information, body);
    assertTrue(information < body.indexOf("#15"), body);
    assertTrue(body.contains("consumer conflicts --config FILE"), body);
    assertEquals(NOW, row.deliveredAt());
    assertEquals(1, row.attempts());
  }

  @Test
  void withAConsoleUrl_theAdminsReadTheLinksToItsPages() throws Exception {
    NotificationSettings settings =
        emailSettings(null, null, URI.create("https://alize.site.example:8480/console/"));
    Notices.commit(db, new Outbox(settings, rows()), Notices.sample(), NOW);
    Notices.commit(
        db,
        new Outbox(settings, rows()),
        ImportNotice.held("upstream", "eole", "1.4.0", "2.0.0+build.5", "MAJOR"),
        NOW);

    assertEquals(
        4, OutboxDispatcher.create(db, rows(), settings, Clock.systemUTC()).deliverDue(NOW));

    List<String> bodies = new ArrayList<>();
    for (MimeMessage mail : smtp.getReceivedMessages()) {
      if (mail.getAllRecipients()[0].toString().equals(ADMINS.get(0))) {
        bodies.add(((String) mail.getContent()).replace("\r\n", "\n").strip());
      }
    }
    // The text's last line break does not survive SMTP.
    String imported = bodies.stream().filter(b -> b.contains("#12")).findFirst().orElseThrow();
    assertTrue(
        imported.contains(
            "  #12  amon-lycee  default-changed  eole-proxy.port\n"
                + "      the upstream default changed from 3128 to 8080 under the override 3130\n"
                + "      https://alize.site.example:8480/console/conflicts/12\n"),
        imported);
    assertTrue(
        imported.endsWith(
            "Review them with: consumer conflicts --config FILE\n"
                + "Review them in the console: https://alize.site.example:8480/console/conflicts"),
        imported);
    String held = bodies.stream().filter(b -> b.contains("holds")).findFirst().orElseThrow();
    assertTrue(
        held.endsWith(
            "Preview and approve it in the console:"
                + " https://alize.site.example:8480/console/held/eole/2.0.0%2Bbuild.5"),
        held);
    for (Notices.OutboxRow row : Notices.rows(db)) {
      assertFalse(row.payload().contains("alize.site.example"), row.payload());
    }
  }

  @Test
  void authenticatesWithTheConfiguredCredentials() throws Exception {
    NotificationSettings settings = emailSettings("alize", "smtp-pw-1234");
    Notices.commit(db, new Outbox(settings, rows()), Notices.sample(), NOW);

    assertEquals(
        2, OutboxDispatcher.create(db, rows(), settings, Clock.systemUTC()).deliverDue(NOW));
    assertEquals(ADMINS.size(), smtp.getReceivedMessages().length);
  }

  @Test
  void aWrongPasswordIsAFailureRetriedLater() {
    NotificationSettings settings = emailSettings("alize", "not-the-password");
    Notices.commit(db, new Outbox(settings, rows()), Notices.sample(), NOW);

    assertEquals(
        1,
        OutboxDispatcher.create(db, rows(), settings, Clock.systemUTC()).deliverDue(NOW),
        "the log only");

    assertEquals(0, smtp.getReceivedMessages().length);
    OutboxRow row = Notices.row(db, "email");
    assertNull(row.deliveredAt());
    assertEquals(1, row.attempts());
    assertTrue(row.lastError().startsWith("e-mail through 127.0.0.1:"), row.lastError());
    assertEquals(NOW.plusSeconds(30), row.nextAttemptAt());
  }

  @Test
  void aStoppedServerIsAFailure() {
    NotificationSettings settings = emailSettings(null, null);
    smtp.stop();
    EmailChannel channel = new EmailChannel(settings.email().orElseThrow(), Optional.empty());

    DeliveryException e =
        assertThrows(
            DeliveryException.class,
            () -> channel.deliver(new Delivery(3, Notices.sample(), Notices.sample().toJson())));
    assertTrue(e.getMessage().startsWith("e-mail through 127.0.0.1:"), e.getMessage());
  }

  private static Set<String> addresses(Address[] addresses) {
    Set<String> out = new TreeSet<>();
    Arrays.stream(addresses)
        .map(a -> ((jakarta.mail.internet.InternetAddress) a).getAddress())
        .forEach(out::add);
    return out;
  }

  private OutboxRepository rows() {
    return opened.bean(OutboxRepository.class);
  }
}
