package dev.alize.common.notify;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads where notifications go from configuration keys, checking what spans several keys and what
 * their types cannot: the webhook's scheme, host and secret, the e-mail addresses and credentials.
 * The consumer and the publisher take the same keys under their own prefixes.
 */
public final class NotificationTargets {

  /** The shortest webhook secret accepted. */
  public static final int MIN_SECRET_LENGTH = 16;

  private NotificationTargets() {}

  /**
   * The webhook that {@code prefix.webhook-url} and {@code prefix.webhook-secret} configure.
   *
   * @param prefix the keys' prefix, with its final dot: {@code alize.consumer.notifications.}
   * @return empty when neither is set
   * @throws NotificationSettingsException naming the key at fault
   */
  public static Optional<WebhookTarget> webhook(String prefix, URI url, String secret) {
    secret = secret == null || secret.isEmpty() ? null : secret;
    if (url == null && secret == null) {
      return Optional.empty();
    }
    if (url == null) {
      throw new NotificationSettingsException(
          prefix + "webhook-url is required when " + prefix + "webhook-secret is set");
    }
    if (secret == null) {
      throw new NotificationSettingsException(
          prefix
              + "webhook-secret is required with a webhook-url: the shared secret the receiver"
              + " checks the X-Alize-Signature with");
    }
    if (secret.length() < MIN_SECRET_LENGTH) {
      throw new NotificationSettingsException(
          prefix
              + "webhook-secret is too short: "
              + secret.length()
              + " characters, write at least "
              + MIN_SECRET_LENGTH
              + " (random ones)");
    }
    return Optional.of(new WebhookTarget(checkWebhookUrl(prefix, url), secret));
  }

  private static URI checkWebhookUrl(String prefix, URI uri) {
    String key = prefix + "webhook-url";
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || host.isEmpty()) {
      throw new NotificationSettingsException(key + ": '" + uri + "' is not an https URL");
    }
    if (scheme.equals("http") && !isLoopback(host)) {
      throw new NotificationSettingsException(
          key
              + ": '"
              + uri
              + "' is plain HTTP; use https (plain http only to 127.0.0.1 or localhost)");
    }
    if (uri.getRawUserInfo() != null) {
      throw new NotificationSettingsException(
          key + ": write no credentials in the URL; the signature authenticates the sender");
    }
    return uri;
  }

  /**
   * The e-mail that the {@code prefix.email-*} keys configure.
   *
   * @param prefix the keys' prefix, with its final dot: {@code alize.consumer.notifications.}
   * @param to null for none
   * @return empty when none of them is set
   * @throws NotificationSettingsException naming the key at fault
   */
  public static Optional<MailTarget> email(
      String prefix,
      String smtpHost,
      int smtpPort,
      boolean starttls,
      String emailUsername,
      String emailPassword,
      String emailFrom,
      List<String> emailTo) {
    String host = blankToNull(smtpHost);
    String from = blankToNull(emailFrom);
    String username = blankToNull(emailUsername);
    String password = emailPassword == null || emailPassword.isEmpty() ? null : emailPassword;
    List<String> to = emailTo == null ? List.of() : emailTo;
    if (host == null && from == null && to.isEmpty() && username == null && password == null) {
      return Optional.empty();
    }
    if (to.isEmpty()) {
      throw new NotificationSettingsException(
          prefix + "email-to: no address; list the admins to write to, or remove the email-* keys");
    }
    Set<String> recipients = new LinkedHashSet<>();
    for (String address : to) {
      recipients.add(address(prefix + "email-to", address));
    }
    if (from == null) {
      throw new NotificationSettingsException(
          prefix + "email-from is required with email-to: the sender's address");
    }
    from = address(prefix + "email-from", from);
    if (host == null) {
      throw new NotificationSettingsException(
          prefix + "email-smtp-host is required with email-to: the SMTP server to send through");
    }
    if (username == null && password != null) {
      throw new NotificationSettingsException(
          prefix + "email-username is required when email-password is set");
    }
    if (username != null && password == null) {
      throw new NotificationSettingsException(
          prefix + "email-password is required when email-username is set");
    }
    if (username != null && !starttls && !isLoopback(host.toLowerCase(Locale.ROOT))) {
      throw new NotificationSettingsException(
          prefix
              + "email-starttls: set it to true to send the SMTP password to "
              + host
              + " encrypted");
    }
    return Optional.of(
        new MailTarget(
            host, smtpPort, starttls, username, password, from, List.copyOf(recipients)));
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
    throw new NotificationSettingsException(key + ": '" + trimmed + "' is not an e-mail address");
  }

  /** Whether {@code host} (lower case) names this machine. */
  public static boolean isLoopback(String host) {
    return host.equals("127.0.0.1")
        || host.equals("localhost")
        || host.equals("[::1]")
        || host.equals("::1");
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
