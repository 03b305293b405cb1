package dev.alize.publisher.api;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Answers 401, not 415, a request of the write API or the statistics without a valid token whose
 * body the route cannot take: the router refuses the media type before security runs, which would
 * tell a stranger what the API accepts before asking who they are. Sites' enrolments and reports
 * carry no bearer token and keep their 415.
 */
@ServerFilter({"/api/v1/datasources/**", "/api/v1/stats/**", "/api/v1/stats"})
final class TokenBeforeMediaTypeFilter implements Ordered {

  private static final String BEARER = "Bearer ";

  private final ApiTokens tokens;

  TokenBeforeMediaTypeFilter(ApiTokens tokens) {
    this.tokens = tokens;
  }

  @ResponseFilter
  @SuppressWarnings("unchecked")
  void respond(HttpRequest<?> request, MutableHttpResponse<?> response) {
    if (response.code() != HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode() || hasToken(request)) {
      return;
    }
    response.status(HttpStatus.UNAUTHORIZED);
    response.header(HttpHeaders.WWW_AUTHENTICATE, ApiTokens.REFUSALS.challenge());
    response.contentType(MediaType.APPLICATION_JSON_TYPE);
    ((MutableHttpResponse<Object>) response)
        .body(ApiErrors.body(ApiTokens.REFUSALS.unauthorized(tokens.isEmpty())));
  }

  private boolean hasToken(HttpRequest<?> request) {
    return request
        .getHeaders()
        .getAuthorization()
        .filter(h -> h.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        .map(h -> h.substring(BEARER.length()).strip())
        .flatMap(tokens::find)
        .isPresent();
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.order();
  }
}
