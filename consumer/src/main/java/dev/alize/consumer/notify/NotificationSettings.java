package dev.alize.consumer.notify;

import dev.alize.common.notify.MailTarget;
import dev.alize.common.notify.NotificationSettingsException;
import dev.alize.common.notify.NotificationTargets;
import dev.alize.common.notify.WebhookTarget;
import dev.alize.consumer.config.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where notifications go besides the log, checked: a webhook, e-mail, both or neither.
 *
 * @param webhook empty when no webhook is configured
 * @param email empty when no e-mail is configured
 * @param console the console's pages that webhook and e-mail link to; empty for no links
 */
public record NotificationSettings(
    Optional<WebhookTarget> webhook, Optional<MailTarget> email, Optional<ConsoleLinks> console) {

  public static final String PREFIX = "alize.consumer.notifications.";
  public static final int DEFAULT_SMTP_PORT = 25;

  /** The outbox's channel names. */
  public static final String LOG = "log";

  public static final String WEBHOOK = "webhook";
  public static final String EMAIL = "email";

  public NotificationSettings {
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(console, "console");
  }

  /** The default: notifications are logged, nothing else. */
  public static NotificationSettings logOnly() {
    return new NotificationSettings(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The channels an import notice goes to: always {@code log}, then webhook and e-mail. */
  public List<String> channels() {
    List<String> channels = new ArrayList<>(List.of(LOG));
    webhook.ifPresent(w -> channels.add(WEBHOOK));
    email.ifPresent(e -> channels.add(EMAIL));
    return List.copyOf(channels);
  }

  /**
   * Checks what spans several keys of the configured notifications, and what their types cannot:
   * the webhook's scheme and host, the e-mail addresses, the console's URL.
   *
   * @throws ConfigurationException naming the key at fault
   */
  public static NotificationSettings from(NotificationProperties p) {
    return new NotificationSettings(webhook(p), email(p), ConsoleLinks.from(p.consoleUrl()));
  }

  private static Optional<WebhookTarget> webhook(NotificationProperties p) {
    try {
      return NotificationTargets.webhook(PREFIX, p.webhookUrl(), p.webhookSecret());
    } catch (NotificationSettingsException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  private static Optional<MailTarget> email(NotificationProperties p) {
    try {
      return NotificationTargets.email(
          PREFIX,
          p.emailSmtpHost(),
          p.emailSmtpPort(),
          p.emailStarttls(),
          p.emailUsername(),
          p.emailPassword(),
          p.emailFrom(),
          p.emailTo());
    } catch (NotificationSettingsException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }
}
