package dev.alize.consumer.notify;

import dev.alize.common.notify.DeliveryException;
import dev.alize.common.notify.MailSender;
import dev.alize.common.notify.MailTarget;

/** Writes the notice to every configured admin, with the outbox row's id as its delivery id. */
public final class EmailChannel implements NotificationChannel {

  private final MailSender sender;

  public EmailChannel(MailTarget settings) {
    this.sender = new MailSender(settings);
  }

  @Override
  public String name() {
    return NotificationSettings.EMAIL;
  }

  @Override
  public void deliver(Delivery delivery) throws DeliveryException {
    sender.send(
        delivery.notice().subject(), delivery.notice().text(), Long.toString(delivery.id()));
  }
}
