package dev.alize.consumer.notify;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * {@code alize.consumer.notifications.*} as written, flat keys and mostly strings, so that {@link
 * NotificationSettings#from} can name the key at fault in every error. Nothing configured means
 * notifications go to the log only.
 *
 * @param webhookUrl where to POST each notice as JSON: https, or http to 127.0.0.1 or localhost
 * @param webhookSecret the shared secret of the {@code X-Alize-Signature} HMAC, 16 characters or
 *     more
 * @param emailSmtpPort 25 by default
 * @param emailStarttls false by default
 * @param emailTo the admins' addresses
 */
@ConfigurationProperties("alize.consumer.notifications")
public record NotificationProperties(
    @Nullable String webhookUrl,
    @Nullable String webhookSecret,
    @Nullable String emailSmtpHost,
    @Nullable String emailSmtpPort,
    @Nullable Boolean emailStarttls,
    @Nullable String emailUsername,
    @Nullable String emailPassword,
    @Nullable String emailFrom,
    @Nullable List<String> emailTo) {

  /**
   * Never the secrets, nor a webhook URL's path (it often holds a token): configuration is logged.
   */
  @Override
  public String toString() {
    return "NotificationProperties[webhook="
        + (webhookUrl == null ? "none" : "(configured)")
        + ", email="
        + (emailSmtpHost == null ? "none" : emailSmtpHost + " to " + emailTo)
        + "]";
  }

  /** Nothing configured: log only. */
  public static NotificationProperties none() {
    return new NotificationProperties(null, null, null, null, null, null, null, null, null);
  }
}
