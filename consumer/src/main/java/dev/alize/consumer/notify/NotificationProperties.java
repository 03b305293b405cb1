package dev.alize.consumer.notify;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;

/**
 * {@code alize.consumer.notifications.*}, flat keys, converted and constrained; {@link
 * NotificationSettings#from} checks what spans several keys. Nothing configured means notifications
 * go to the log only.
 *
 * @param webhookUrl where to POST each notice as JSON: https, or http to 127.0.0.1 or localhost
 * @param webhookSecret the shared secret of the {@code X-Alize-Signature} HMAC, 16 characters or
 *     more
 * @param emailTo the admins' addresses
 * @param consoleUrl the web console as admins reach it, for links in the notifications
 */
@ConfigurationProperties("alize.consumer.notifications")
public record NotificationProperties(
    @Nullable URI webhookUrl,
    @Nullable String webhookSecret,
    @Nullable String emailSmtpHost,
    @Bindable(defaultValue = "" + NotificationSettings.DEFAULT_SMTP_PORT)
        @Min(value = 1, message = NotificationProperties.PORT)
        @Max(value = 65535, message = NotificationProperties.PORT)
        int emailSmtpPort,
    @Bindable(defaultValue = "false") boolean emailStarttls,
    @Nullable String emailUsername,
    @Nullable String emailPassword,
    @Nullable String emailFrom,
    @Nullable List<String> emailTo,
    @Nullable URI consoleUrl) {

  static final String PORT = "is not a port number (1 to 65535)";

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
    return new NotificationProperties(
        null,
        null,
        null,
        NotificationSettings.DEFAULT_SMTP_PORT,
        false,
        null,
        null,
        null,
        null,
        null);
  }
}
