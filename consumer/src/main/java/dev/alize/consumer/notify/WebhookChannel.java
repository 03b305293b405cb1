package dev.alize.consumer.notify;

import dev.alize.common.notify.DeliveryException;
import dev.alize.common.notify.WebhookSender;
import dev.alize.common.notify.WebhookTarget;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Notifies the admins' webhook: the notice's stored JSON, signed, with its delivery id.
 *
 * <p>Links to the console are added here, at delivery, not in the outbox: the stored payload holds
 * no configuration, a notice queued before the console's URL was set (or changed) links to where
 * the console is now, and every retry sends the same bytes as long as the setting is unchanged.
 * Without a console URL, the stored payload is sent as it is.
 */
public final class WebhookChannel implements NotificationChannel {

  private final WebhookSender sender;
  private final Optional<ConsoleLinks> console;

  public WebhookChannel(WebhookTarget settings, Optional<ConsoleLinks> console) {
    this.sender = new WebhookSender(settings, "alize-consumer");
    this.console = console;
  }

  @Override
  public String name() {
    return NotificationSettings.WEBHOOK;
  }

  @Override
  public void deliver(Delivery delivery) throws DeliveryException {
    String body =
        console
            .map(links -> delivery.notice().toJson(delivery.json(), links))
            .orElse(delivery.json());
    sender.send(body.getBytes(StandardCharsets.UTF_8), Long.toString(delivery.id()));
  }
}
