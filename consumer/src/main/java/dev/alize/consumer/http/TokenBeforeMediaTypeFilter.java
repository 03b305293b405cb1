package dev.alize.consumer.http;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.List;

/**
 * Answers 401, not 415, a request without an admin's token whose body the route cannot take: the
 * router refuses the media type before security runs, which would tell a stranger what the API
 * accepts before asking who they are.
 */
@ServerFilter(AdminApiServer.BASE_PATH + "/**")
final class TokenBeforeMediaTypeFilter implements Ordered {

  private static final String BEARER = "Bearer ";

  private final AdminTokens admins;

  TokenBeforeMediaTypeFilter(AdminTokens admins) {
    this.admins = admins;
  }

  @ResponseFilter
  @SuppressWarnings("unchecked")
  void respond(HttpRequest<?> request, MutableHttpResponse<?> response) {
    if (response.code() != HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode() || hasAdminToken(request)) {
      return;
    }
    response.status(HttpStatus.UNAUTHORIZED);
    response.header(HttpHeaders.WWW_AUTHENTICATE, AdminTokens.REFUSALS.challenge());
    response.contentType(MediaType.APPLICATION_JSON_TYPE);
    ((MutableHttpResponse<Object>) response)
        .body(ApiErrors.body(AdminTokens.REFUSALS.unauthorized(admins.isEmpty()), List.of()));
  }

  private boolean hasAdminToken(HttpRequest<?> request) {
    return request
        .getHeaders()
        .getAuthorization()
        .filter(h -> h.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        .map(h -> h.substring(BEARER.length()).strip())
        .flatMap(admins::find)
        .isPresent();
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.order();
  }
}
