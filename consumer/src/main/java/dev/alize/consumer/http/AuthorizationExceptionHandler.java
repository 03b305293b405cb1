package dev.alize.consumer.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Answers a request the security rules refused, in the API's form, as {@link AdminTokens#REFUSALS}
 * words it.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
record AuthorizationExceptionHandler(AdminTokens admins)
    implements ExceptionHandler<AuthorizationException, HttpResponse<?>> {

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, AuthorizationException e) {
    if (e.isForbidden()) {
      return ApiErrors.response(HttpStatus.FORBIDDEN, AdminTokens.REFUSALS.forbidden());
    }
    return ApiErrors.response(
            HttpStatus.UNAUTHORIZED, AdminTokens.REFUSALS.unauthorized(admins.isEmpty()))
        .header(HttpHeaders.WWW_AUTHENTICATE, AdminTokens.REFUSALS.challenge());
  }
}
