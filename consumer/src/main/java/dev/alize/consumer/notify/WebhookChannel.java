package dev.alize.consumer.notify;

import dev.alize.common.notify.DeliveryException;
import dev.alize.common.notify.WebhookSender;
import dev.alize.common.notify.WebhookTarget;
import java.nio.charset.StandardCharsets;

/** Notifies the admins' webhook: the notice's stored JSON, signed, with its delivery id. */
public final class WebhookChannel implements NotificationChannel {

  private final WebhookSender sender;

  public WebhookChannel(WebhookTarget settings) {
    this.sender = new WebhookSender(settings, "alize-consumer");
  }

  @Override
  public String name() {
    return NotificationSettings.WEBHOOK;
  }

  @Override
  public void deliver(Delivery delivery) throws DeliveryException {
    sender.send(delivery.json().getBytes(StandardCharsets.UTF_8), Long.toString(delivery.id()));
  }
}
