package dev.alize.consumer.notify;

import dev.alize.common.notify.DeliveryException;

/**
 * A way to tell admins about an import: the log, a webhook or e-mail. An interface so that the
 * dispatcher can be tested with channels that count or fail.
 */
public interface NotificationChannel {

  /** The outbox's name of this channel: {@code log}, {@code webhook} or {@code email}. */
  String name();

  /**
   * Delivers one notification, or throws; the dispatcher then retries it later.
   *
   * @throws DeliveryException when the receiver cannot be reached or refused the notification
   */
  void deliver(Delivery delivery) throws DeliveryException;
}
