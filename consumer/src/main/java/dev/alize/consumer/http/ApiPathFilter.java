package dev.alize.consumer.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Refuses, before authentication and routing, an API path any of whose segments decodes to {@code
 * .}, {@code ..}, or something with a separator or a control character: {@code ..}, {@code %2e%2e},
 * {@code a%2Fb}. Names in paths are plain names; nothing else is worth routing.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ApiPathFilter implements Ordered {

  @RequestFilter
  @Nullable
  HttpResponse<?> check(HttpRequest<?> request) {
    String[] raw = request.getUri().getRawPath().split("/", -1);
    if (raw.length < 2 || !"api".equals(decode(raw[1]))) {
      return null;
    }
    for (int i = 1; i < raw.length; i++) {
      String segment = decode(raw[i]);
      if (segment == null) {
        return refuse("the path is not correctly percent-encoded");
      }
      if (segment.equals(".") || segment.equals("..") || !plain(segment)) {
        return refuse("the path may not hold '.', '..', separators or control characters");
      }
    }
    return null;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.before();
  }

  private static HttpResponse<?> refuse(String message) {
    return ApiErrors.response(HttpStatus.BAD_REQUEST, message);
  }

  private static boolean plain(String segment) {
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '/' || c == '\\' || Character.isISOControl(c)) {
        return false;
      }
    }
    return true;
  }

  /** The segment with its percent-escapes decoded ('+' stays '+'), or null when they are broken. */
  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
