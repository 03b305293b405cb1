package dev.alize.common.http;

import java.util.Optional;
import java.util.Set;

/**
 * A request refused before any route sees it, with its status and the message of its error body.
 */
public record HttpRefusal(int status, String message) {

  /** The methods of RFC 9110 and PATCH; methods are case-sensitive, so {@code get} is none. */
  static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  /**
   * What a request line with {@code method} and {@code version} (as {@code HTTP/1.1}) is refused
   * with: 505 for a version other than HTTP/1.0 and 1.1, then 501 for a method other than the
   * standard ones; empty when neither.
   */
  public static Optional<HttpRefusal> ofRequestLine(String method, String version) {
    if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
      return Optional.of(
          new HttpRefusal(
              505, "the HTTP version " + printable(version) + " is not served: use HTTP/1.1"));
    }
    if (!METHODS.contains(method)) {
      return Optional.of(
          new HttpRefusal(
              501,
              "the method "
                  + printable(method)
                  + " is not served: methods are upper-case, as GET or POST"));
    }
    return Optional.empty();
  }

  /** At most 20 characters of {@code text}, quoted, each outside printable ASCII as '?'. */
  private static String printable(String text) {
    StringBuilder shown = new StringBuilder("'");
    text.chars().limit(20).forEach(c -> shown.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
    return shown.append(text.length() > 20 ? "…'" : "'").toString();
  }
}
