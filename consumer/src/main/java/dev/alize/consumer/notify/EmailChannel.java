package dev.alize.consumer.notify;

import dev.alize.common.notify.DeliveryException;
import dev.alize.common.notify.MailSender;
import dev.alize.common.notify.MailTarget;
import java.util.Optional;

/**
 * Writes the notice to every configured admin, with the outbox row's id as its delivery id, and
 * links to the console's pages when its URL is configured: added at delivery, as {@link
 * WebhookChannel} adds them, so that the outbox keeps no configuration.
 */
public final class EmailChannel implements NotificationChannel {

  private final MailSender sender;
  private final Optional<ConsoleLinks> console;

  public EmailChannel(MailTarget settings, Optional<ConsoleLinks> console) {
    this.sender = new MailSender(settings);
    this.console = console;
  }

  @Override
  public String name() {
    return NotificationSettings.EMAIL;
  }

  @Override
  public void deliver(Delivery delivery) throws DeliveryException {
    ImportNotice notice = delivery.notice();
    sender.send(
        notice.subject(),
        console.map(notice::text).orElseGet(notice::text),
        Long.toString(delivery.id()));
  }
}
