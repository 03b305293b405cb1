package dev.alize.consumer.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * {@code alize.consumer.api.*}. The admins are {@link AdminProperties}.
 *
 * @param enabled whether {@code serve} starts the admin API
 * @param host the address it listens on
 * @param port the TCP port, 0 for any free one
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
        int port) {

  static final String PORT = "is not a TCP port: write 1 to 65535, or 0 for any free one";

  static ApiProperties none() {
    return new ApiProperties(true, ApiSettings.DEFAULT_HOST, ApiSettings.DEFAULT_PORT);
  }
}
