package dev.alize.consumer.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Refuses 415 an API request that sends a body without saying it is JSON: routes match a request
 * without Content-Type whatever they consume, and its body would be read as JSON all the same.
 */
@ServerFilter("/api/**")
final class JsonContentTypeFilter implements Ordered {

  @RequestFilter
  @Nullable
  HttpResponse<?> check(HttpRequest<?> request) {
    if (hasBody(request) && request.getContentType().isEmpty()) {
      return ApiErrors.response(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "the request body has no Content-Type: send it as JSON, with 'Content-Type:"
              + " application/json'");
    }
    return null;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.after();
  }

  /** Whether the request carries a body, even an empty chunked one. */
  static boolean hasBody(HttpRequest<?> request) {
    return request.getContentLength() > 0
        || request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING);
  }
}
