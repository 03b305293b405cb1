package dev.alize.publisher.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Accepts {@code Authorization: Bearer TOKEN} when the token's SHA-256 is a configured one. The
 * authentication is named after the token and lists, in {@link #DATASOURCES}, what it may touch.
 */
@Singleton
final class BearerTokenValidator implements TokenValidator<HttpRequest<?>> {

  /** The attribute of an {@link Authentication} that lists the token's datasources. */
  static final String DATASOURCES = "datasources";

  private final ApiTokens tokens;

  BearerTokenValidator(ApiTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Publisher<Authentication> validateToken(String token, @Nullable HttpRequest<?> request) {
    return tokens
        .find(token)
        .map(
            t ->
                Publishers.just(
                    Authentication.build(
                        t.name(), List.of(), Map.<String, Object>of(DATASOURCES, t.datasources()))))
        .orElseGet(Publishers::empty);
  }
}
