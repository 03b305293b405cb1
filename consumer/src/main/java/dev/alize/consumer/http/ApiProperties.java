package dev.alize.consumer.http;

import dev.alize.common.http.RequestTimeouts;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;

/**
 * {@code alize.consumer.api.*}. The admins are {@link AdminProperties}.
 *
 * @param enabled whether {@code serve} starts the admin API
 * @param host the address it listens on
 * @param port the TCP port, 0 for any free one
 * @param headerTimeout the longest a client may take to send a request's line and headers
 * @param bodyIdleTimeout the longest a client may stay silent while it sends a request's body
 */
@ConfigurationProperties("alize.consumer.api")
public record ApiProperties(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = ApiSettings.DEFAULT_HOST)
        @NotBlank(
            message = "is empty; write an address, as 127.0.0.1 (the default) or 0.0.0.0 for all")
        String host,
    @Bindable(defaultValue = "" + ApiSettings.DEFAULT_PORT)
        @Min(value = 0, message = ApiProperties.PORT)
        @Max(value = 65535, message = ApiProperties.PORT)
        int port,
    @Bindable(defaultValue = RequestTimeouts.DEFAULT_HEADER) Duration headerTimeout,
    @Bindable(defaultValue = RequestTimeouts.DEFAULT_BODY_IDLE) Duration bodyIdleTimeout) {

  static final String PORT = "is not a TCP port: write 1 to 65535, or 0 for any free one";

  static ApiProperties none() {
    return new ApiProperties(
        true,
        ApiSettings.DEFAULT_HOST,
        ApiSettings.DEFAULT_PORT,
        RequestTimeouts.DEFAULT.header(),
        RequestTimeouts.DEFAULT.bodyIdle());
  }
}
