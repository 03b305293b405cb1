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
 * Answers a request the security rules refused: 401 with a bearer challenge when it carried no
 * admin's token (saying how to make one when no admin is configured at all), 403 otherwise. Never a
 * redirect: the API has no login page.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class AuthorizationExceptionHandler
    implements ExceptionHandler<AuthorizationException, HttpResponse<?>> {

  private final AdminTokens admins;

  AuthorizationExceptionHandler(AdminTokens admins) {
    this.admins = admins;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, AuthorizationException e) {
    if (e.isForbidden()) {
      return ApiErrors.response(HttpStatus.FORBIDDEN, "this admin may not do that");
    }
    String message =
        admins.isEmpty()
            ? "no admin is configured, so the API refuses every request: run 'consumer new-token"
                + " NAME', add the line it prints (alize.consumer.api.admins.NAME.token-sha256)"
                + " to the configuration file, and restart serve"
            : "an admin's token is required: send it as 'Authorization: Bearer TOKEN'";
    return ApiErrors.response(HttpStatus.UNAUTHORIZED, message)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"alize-consumer\"");
  }
}
