package dev.alize.consumer.notify;

import dev.alize.common.notify.MailTarget;
import dev.alize.common.notify.WebhookTarget;
import dev.alize.consumer.config.ConfigurationException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where notifications go besides the log, checked: a webhook, e-mail, both or neither.
 *
 * @param webhook empty when no webhook is configured
 * @param email empty when no e-mail is configured
 */
public record NotificationSettings(Optional<WebhookTarget> webhook, Optional<MailTarget> email) {

  public static final String PREFIX = "alize.consumer.notifications.";
  public static final int DEFAULT_SMTP_PORT = 25;
  public static final int MIN_SECRET_LENGTH = 16;

  /** The outbox's channel names. */
  public static final String LOG = "log";

  public static final String WEBHOOK = "webhook";
  public static final String EMAIL = "email";

  public NotificationSettings {
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(email, "email");
  }

  /** The default: notifications are logged, nothing else. */
  public static NotificationSettings logOnly() {
    return new NotificationSettings(Optional.empty(), Optional.empty());
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
   * the webhook's scheme and host, the e-mail addresses.
   *
   * @throws ConfigurationException naming the key at fault
   */
  public static NotificationSettings from(NotificationProperties p) {
    return new NotificationSettings(webhook(p), email(p));
  }

  private static Optional<WebhookTarget> webhook(NotificationProperties p) {
    URI url = p.webhookUrl();
    String secret =
        p.webhookSecret() == null || p.webhookSecret().isEmpty() ? null : p.webhookSecret();
    if (url == null && secret == null) {
      return Optional.empty();
    }
    if (url == null) {
      throw new ConfigurationException(
          PREFIX + "webhook-url is required when " + PREFIX + "webhook-secret is set");
    }
    if (secret == null) {
      throw new ConfigurationException(
          PREFIX
              + "webhook-secret is required with a webhook-url: the shared secret the receiver"
              + " checks the X-Alize-Signature with");
    }
    if (secret.length() < MIN_SECRET_LENGTH) {
      throw new ConfigurationException(
          PREFIX
              + "webhook-secret is too short: "
              + secret.length()
              + " characters, write at least "
              + MIN_SECRET_LENGTH
              + " (random ones)");
    }
    return Optional.of(new WebhookTarget(checkWebhookUrl(url), secret));
  }

  private static URI checkWebhookUrl(URI uri) {
    String key = PREFIX + "webhook-url";
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || host.isEmpty()) {
      throw new ConfigurationException(key + ": '" + uri + "' is not an https URL");
    }
    if (scheme.equals("http") && !isLoopback(host)) {
      throw new ConfigurationException(
          key
              + ": '"
              + uri
              + "' is plain HTTP; use https (plain http only to 127.0.0.1 or localhost)");
    }
    if (uri.getRawUserInfo() != null) {
      throw new ConfigurationException(
          key + ": write no credentials in the URL; the signature authenticates the sender");
    }
    return uri;
  }

  private static Optional<MailTarget> email(NotificationProperties p) {
    String host = blankToNull(p.emailSmtpHost());
    String from = blankToNull(p.emailFrom());
    String username = blankToNull(p.emailUsername());
    String password =
        p.emailPassword() == null || p.emailPassword().isEmpty() ? null : p.emailPassword();
    List<String> to = p.emailTo() == null ? List.of() : p.emailTo();
    if (host == null && from == null && to.isEmpty() && username == null && password == null) {
      return Optional.empty();
    }
    if (to.isEmpty()) {
      throw new ConfigurationException(
          PREFIX + "email-to: no address; list the admins to write to, or remove the email-* keys");
    }
    Set<String> recipients = new LinkedHashSet<>();
    for (String address : to) {
      recipients.add(address(PREFIX + "email-to", address));
    }
    if (from == null) {
      throw new ConfigurationException(
          PREFIX + "email-from is required with email-to: the sender's address");
    }
    from = address(PREFIX + "email-from", from);
    if (host == null) {
      throw new ConfigurationException(
          PREFIX + "email-smtp-host is required with email-to: the SMTP server to send through");
    }
    if (username == null && password != null) {
      throw new ConfigurationException(
          PREFIX + "email-username is required when email-password is set");
    }
    if (username != null && password == null) {
      throw new ConfigurationException(
          PREFIX + "email-password is required when email-username is set");
    }
    if (username != null && !p.emailStarttls() && !isLoopback(host.toLowerCase(Locale.ROOT))) {
      throw new ConfigurationException(
          PREFIX
              + "email-starttls: set it to true to send the SMTP password to "
              + host
              + " encrypted");
    }
    return Optional.of(
        new MailTarget(
            host,
            p.emailSmtpPort(),
            p.emailStarttls(),
            username,
            password,
            from,
            List.copyOf(recipients)));
  }

  /** The address as written, once it parsed as one e-mail address with a domain. */
  private static String address(String key, String text) {
    String trimmed = text == null ? "" : text.strip();
    try {
      InternetAddress address = new InternetAddress(trimmed, true);
      address.validate();
      String plain = address.getAddress();
      int at = plain.lastIndexOf('@');
      if (at > 0 && at < plain.length() - 1) {
        return trimmed;
      }
    } catch (AddressException e) {
      // reported below
    }
    throw new ConfigurationException(key + ": '" + trimmed + "' is not an e-mail address");
  }

  static boolean isLoopback(String host) {
    return host.equals("127.0.0.1")
        || host.equals("localhost")
        || host.equals("[::1]")
        || host.equals("::1");
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
