package dev.alize.consumer.http;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

/**
 * One admin of the API, under {@code alize.consumer.api.admins.NAME}. Only the SHA-256 of the
 * admin's token is configured, never the token itself ({@code consumer new-token NAME} prints
 * both).
 *
 * @param name what the API records as the author of the admin's changes
 * @param tokenSha256 the SHA-256 of the token, in hex
 */
@EachProperty("alize.consumer.api.admins")
public record AdminProperties(@Parameter String name, @Nullable String tokenSha256) {}
