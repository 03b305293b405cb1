package dev.alize.consumer.update;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Percent-encodes role names and target paths for URLs and file names: every byte but the
 * unreserved characters of RFC 3986, so that a role named {@code a/../b} stays one path segment.
 */
final class PercentEncoding {

  private PercentEncoding() {}

  static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  /** Encodes each segment of a target path, keeping its slashes. */
  static String encodePath(String path) {
    return Arrays.stream(path.split("/", -1))
        .map(PercentEncoding::encode)
        .collect(Collectors.joining("/"));
  }
}
