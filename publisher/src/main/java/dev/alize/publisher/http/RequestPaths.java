package dev.alize.publisher.http;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a requested path before it touches the file system. Every segment must be a plain name: no
 * {@code .} or {@code ..}, no hidden or temporary file (leading dot), no separator, backslash,
 * percent sign, colon or control character, whatever encoding the client used.
 */
public final class RequestPaths {

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,254}");
  private static final int MAX_LENGTH = 1024;

  private RequestPaths() {}

  /** Whether {@code name} is one plain segment, as sent: no escape, separator or query in it. */
  public static boolean isPlainName(String name) {
    return SEGMENT.matcher(name).matches();
  }

  /**
   * @return the segments of {@code path}, relative to the area's folder
   * @throws InvalidRequestPathException when it cannot name a file of the area
   */
  public static List<String> segments(RepositoryArea area, String path) {
    if (path == null || path.isEmpty() || path.length() > MAX_LENGTH) {
      throw new InvalidRequestPathException("empty or overlong path");
    }
    List<String> segments = List.of(path.split("/", -1));
    if (segments.size() > area.maxDepth()) {
      throw new InvalidRequestPathException("too many folders for " + area.folder());
    }
    for (String segment : segments) {
      if (!SEGMENT.matcher(segment).matches()) {
        throw new InvalidRequestPathException("not a plain file name");
      }
    }
    return segments;
  }
}
