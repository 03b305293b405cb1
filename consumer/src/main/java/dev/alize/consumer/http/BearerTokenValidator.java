package dev.alize.consumer.http;

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
 * Accepts {@code Authorization: Bearer TOKEN} when the token's SHA-256 is a configured admin's; the
 * authentication is named after the admin, who is recorded as the author of each change.
 */
@Singleton
final class BearerTokenValidator implements TokenValidator<HttpRequest<?>> {

  private final AdminTokens admins;

  BearerTokenValidator(AdminTokens admins) {
    this.admins = admins;
  }

  @Override
  public Publisher<Authentication> validateToken(String token, @Nullable HttpRequest<?> request) {
    return admins
        .find(token)
        .map(a -> Publishers.just(Authentication.build(a.name(), List.of(), Map.of())))
        .orElseGet(Publishers::empty);
  }
}
