package dev.alize.consumer.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code alize.consumer.api.*} as written: strings, so that {@link ApiSettings} can name the key at
 * fault in every error. The admins are {@link AdminProperties}.
 *
 * @param enabled whether {@code serve} starts the admin API; true by default
 * @param host the address it listens on; 127.0.0.1 by default
 * @param port the TCP port; 8480 by default, 0 for any free one
 */
@ConfigurationProperties("alize.consumer.api")
public record ApiProperties(
    @Nullable String enabled, @Nullable String host, @Nullable String port) {

  static ApiProperties none() {
    return new ApiProperties(null, null, null);
  }
}
