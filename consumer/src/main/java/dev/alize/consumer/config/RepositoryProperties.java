package dev.alize.consumer.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * {@code alize.consumer.repositories.NAME.*} as written: strings, so that {@link Subscriptions} can
 * name the key at fault in every error.
 */
@EachProperty("alize.consumer.repositories")
public record RepositoryProperties(
    @Parameter String name,
    @Nullable String url,
    @Nullable List<String> mirrors,
    @Nullable String trustedRoot,
    @Nullable String tlsCertificate,
    @Nullable String channel,
    @Nullable List<String> datasources,
    @Nullable String autoApprove,
    @Nullable String pollInterval,
    @Nullable Boolean allowPlainHttp) {}
