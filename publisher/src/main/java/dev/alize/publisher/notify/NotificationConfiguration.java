package dev.alize.publisher.notify;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;

/**
 * {@code alize.publisher.notifications.*}: where the maintainers are told what the publisher did by
 * itself (a rollout halted by policy), with the keys and checks of the consumer's notifications.
 * Nothing configured means the log only.
 *
 * @param webhookUrl where to POST each notice as JSON: https, or http to 127.0.0.1 or localhost
 * @param webhookSecret the shared secret of the {@code X-Alize-Signature} HMAC, 16 characters or
 *     more
 * @param emailTo the maintainers' addresses
 */
@ConfigurationProperties("alize.publisher.notifications")
public record NotificationConfiguration(
    @Nullable URI webhookUrl,
    @Nullable String webhookSecret,
    @Nullable String emailSmtpHost,
    @Bindable(defaultValue = "25")
        @Min(value = 1, message = NotificationConfiguration.PORT)
        @Max(value = 65535, message = NotificationConfiguration.PORT)
        int emailSmtpPort,
    @Bindable(defaultValue = "false") boolean emailStarttls,
    @Nullable String emailUsername,
    @Nullable String emailPassword,
    @Nullable String emailFrom,
    @Nullable List<String> emailTo) {

  /** The keys' prefix, with its final dot, for messages. */
  public static final String PREFIX = "alize.publisher.notifications.";

  static final String PORT = "is not a port number (1 to 65535)";

  /** Never the secrets, nor a webhook URL's path (it often holds a token). */
  @Override
  public String toString() {
    return "NotificationConfiguration[webhook="
        + (webhookUrl == null ? "none" : "(configured)")
        + ", email="
        + (emailSmtpHost == null ? "none" : emailSmtpHost + " to " + emailTo)
        + "]";
  }
}
