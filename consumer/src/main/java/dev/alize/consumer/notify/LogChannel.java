package dev.alize.consumer.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One INFO line with the notice's subject: the channel that is always there, and never fails. */
public final class LogChannel implements NotificationChannel {

  /** The logger operators route or filter notifications by. */
  public static final String LOGGER = "dev.alize.consumer.notify";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  @Override
  public String name() {
    return NotificationSettings.LOG;
  }

  @Override
  public void deliver(Delivery delivery) {
    LOG.info("{}", delivery.notice().subject());
  }
}
