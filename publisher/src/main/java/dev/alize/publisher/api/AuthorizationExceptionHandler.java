package dev.alize.publisher.api;

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
 * valid token, 403 otherwise. Never a redirect: the write API has no login page.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class AuthorizationExceptionHandler
    implements ExceptionHandler<AuthorizationException, HttpResponse<?>> {

  @Override
  @SuppressWarnings("rawtypes")
  public HttpResponse<?> handle(HttpRequest request, AuthorizationException e) {
    if (e.isForbidden()) {
      return ApiErrors.response(HttpStatus.FORBIDDEN, "this token may not do that");
    }
    return ApiErrors.response(
            HttpStatus.UNAUTHORIZED,
            "a valid token is required: send it as 'Authorization: Bearer TOKEN'")
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"alize-publisher\"");
  }
}
