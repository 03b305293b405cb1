package dev.alize.publisher.notify;

import dev.alize.common.notify.DeliveryException;
import dev.alize.common.notify.MailSender;
import dev.alize.common.notify.NotificationTargets;
import dev.alize.common.notify.WebhookSender;
import dev.alize.common.text.Printable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the maintainers what the publisher did by itself: always a log line, then the webhook and
 * e-mail when configured, each with the consumer's signature scheme. A receiver that is down is
 * tried again, the wait doubling from {@link #FIRST_RETRY}, up to {@link #ATTEMPTS} attempts; the
 * log line and the audit log hold the notice whatever becomes of them.
 */
public final class MaintainerNotifier implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MaintainerNotifier.class);

  static final Duration FIRST_RETRY = Duration.ofSeconds(30);
  static final int ATTEMPTS = 8;

  /** One way to tell, other than the log. */
  private record Channel(String name, Sending sending) {}

  @FunctionalInterface
  private interface Sending {
    void send(MaintainerNotice notice) throws DeliveryException;
  }

  private final List<Channel> channels = new ArrayList<>();
  private final ScheduledExecutorService executor;
  private final Duration firstRetry;

  /**
   * @param executor runs deliveries and their retries, off the caller's thread
   * @throws dev.alize.common.notify.NotificationSettingsException naming the key at fault
   */
  public MaintainerNotifier(NotificationConfiguration c, ScheduledExecutorService executor) {
    this(c, executor, FIRST_RETRY);
  }

  /** As the public constructor, with another first wait between attempts. */
  MaintainerNotifier(
      NotificationConfiguration c, ScheduledExecutorService executor, Duration firstRetry) {
    this.executor = executor;
    this.firstRetry = firstRetry;
    String prefix = NotificationConfiguration.PREFIX;
    NotificationTargets.webhook(prefix, c.webhookUrl(), c.webhookSecret())
        .ifPresent(
            target -> {
              WebhookSender sender = new WebhookSender(target, "alize-publisher");
              channels.add(
                  new Channel(
                      "webhook " + target.shown(),
                      n -> sender.send(n.json().getBytes(StandardCharsets.UTF_8), n.id())));
            });
    NotificationTargets.email(
            prefix,
            c.emailSmtpHost(),
            c.emailSmtpPort(),
            c.emailStarttls(),
            c.emailUsername(),
            c.emailPassword(),
            c.emailFrom(),
            c.emailTo())
        .ifPresent(
            target -> {
              MailSender sender = new MailSender(target);
              channels.add(
                  new Channel(
                      "e-mail to " + String.join(", ", target.to()),
                      n -> sender.send(n.subject(), n.text(), n.id())));
            });
  }

  /** Stops delivering: what is not delivered yet stays in the log line alone. */
  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** Logs the notice now, and sends it to every other channel in the background. */
  public void tell(MaintainerNotice notice) {
    LOG.warn("{}: {}", notice.subject(), Printable.escape(notice.text()));
    for (Channel channel : channels) {
      executor.execute(() -> attempt(channel, notice, 1));
    }
  }

  private void attempt(Channel channel, MaintainerNotice notice, int attempt) {
    try {
      channel.sending().send(notice);
    } catch (DeliveryException | RuntimeException e) {
      if (attempt >= ATTEMPTS) {
        LOG.error(
            "{}: '{}' given up after {} attempts: {}",
            channel.name(),
            notice.subject(),
            attempt,
            e.getMessage());
        return;
      }
      Duration wait = firstRetry.multipliedBy(1L << (attempt - 1));
      if (attempt == 1) {
        LOG.warn(
            "{}: '{}' not delivered: {}; tried again in {}, then less and less often",
            channel.name(),
            notice.subject(),
            e.getMessage(),
            wait);
      }
      executor.schedule(
          () -> attempt(channel, notice, attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
