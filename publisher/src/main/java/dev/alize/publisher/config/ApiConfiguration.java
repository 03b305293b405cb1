package dev.alize.publisher.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The write API's settings under {@code alize.publisher.api}; its tokens are {@link
 * ApiTokenConfiguration}s.
 *
 * @param maxUploadBytes the largest release archive accepted, in bytes (64 MiB by default); also
 *     the server's largest request body
 */
@ConfigurationProperties("alize.publisher.api")
public record ApiConfiguration(@Bindable(defaultValue = "67108864") long maxUploadBytes) {}
