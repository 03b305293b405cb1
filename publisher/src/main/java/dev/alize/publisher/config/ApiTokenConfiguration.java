package dev.alize.publisher.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * One token of the write API, under {@code alize.publisher.api.tokens.NAME}. Only the token's
 * SHA-256 is configured, never the token itself.
 *
 * @param name what logs and the audit log call it: {@code token NAME}
 * @param sha256 the SHA-256 of the token, in hex
 * @param datasources the datasources the token may publish and change
 */
@EachProperty("alize.publisher.api.tokens")
public record ApiTokenConfiguration(
    @Parameter String name, @Nullable String sha256, @Nullable List<String> datasources) {}
