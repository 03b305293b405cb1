package dev.alize.publisher.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/** Accepts {@code Authorization: Bearer TOKEN} when the token's SHA-256 is a configured one. */
@Singleton
record BearerTokenValidator(ApiTokens tokens) implements TokenValidator<HttpRequest<?>> {

  @Override
  public Publisher<Authentication> validateToken(String token, @Nullable HttpRequest<?> request) {
    return tokens.authenticate(token).map(Publishers::just).orElseGet(Publishers::empty);
  }
}
