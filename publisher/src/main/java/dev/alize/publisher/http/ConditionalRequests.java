package dev.alize.publisher.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Whether a GET or HEAD may be answered 304 Not Modified (RFC 9110, section 13). */
public final class ConditionalRequests {

  private ConditionalRequests() {}

  /**
   * @param ifNoneMatch every {@code If-None-Match} header of the request
   * @param ifModifiedSince its {@code If-Modified-Since}, when present and valid
   * @param etag the current entity tag
   * @param lastModified the file's modification time
   */
  public static boolean notModified(
      List<String> ifNoneMatch,
      Optional<Instant> ifModifiedSince,
      String etag,
      Instant lastModified) {
    if (!ifNoneMatch.isEmpty()) {
      // When present, If-None-Match alone decides (section 13.2.2).
      return ifNoneMatch.stream().anyMatch(header -> matchesAny(header, etag));
    }
    return ifModifiedSince
        .map(since -> !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since))
        .orElse(false);
  }

  /**
   * Whether an {@code If-None-Match} value ({@code *} or a list of entity tags) matches {@code
   * etag}, by weak comparison: {@code W/"x"} matches {@code "x"}.
   */
  public static boolean matchesAny(String header, String etag) {
    String trimmed = header.trim();
    if (trimmed.equals("*")) {
      return true;
    }
    String opaque = opaque(etag);
    return parseList(trimmed).stream().anyMatch(tag -> opaque(tag).equals(opaque));
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  /** Splits on commas outside quotes: a comma is a valid character inside an entity tag. */
  private static List<String> parseList(String header) {
    List<String> tags = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == ',' && !quoted) {
        add(tags, current);
      } else {
        current.append(c);
      }
    }
    add(tags, current);
    return tags;
  }

  private static void add(List<String> tags, StringBuilder current) {
    String tag = current.toString().trim();
    if (!tag.isEmpty()) {
      tags.add(tag);
    }
    current.setLength(0);
  }
}
