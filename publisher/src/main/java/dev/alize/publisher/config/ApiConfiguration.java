package dev.alize.publisher.config;

import dev.alize.common.http.RequestTimeouts;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The write API's settings under {@code alize.publisher.api}; its tokens are {@link
 * ApiTokenConfiguration}s.
 *
 * @param maxUploadBytes the largest release archive accepted, in bytes (64 MiB by default); also
 *     the server's largest request body
 * @param headerTimeout the longest a client of the server may take to send a request's line and
 *     headers
 * @param bodyIdleTimeout the longest a client of the server may stay silent while it sends a
 *     request's body
 */
@ConfigurationProperties("alize.publisher.api")
public record ApiConfiguration(
    @Bindable(defaultValue = DEFAULT_MAX_UPLOAD) long maxUploadBytes,
    @Bindable(defaultValue = RequestTimeouts.DEFAULT_HEADER) Duration headerTimeout,
    @Bindable(defaultValue = RequestTimeouts.DEFAULT_BODY_IDLE) Duration bodyIdleTimeout) {

  /** 64 MiB, as the annotation needs it. */
  public static final String DEFAULT_MAX_UPLOAD = "67108864";

  /** The largest upload when none is configured. */
  public static final long DEFAULT_MAX_UPLOAD_BYTES = Long.parseLong(DEFAULT_MAX_UPLOAD);
}
