package dev.alize.common.tuf;

import dev.alize.common.codec.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A role that targets delegates to, for the target paths it matches.
 *
 * @param paths shell-style patterns, or null when {@code pathHashPrefixes} is used
 * @param pathHashPrefixes hex prefixes of the SHA-256 of the target path, or null
 */
public record DelegatedRole(
    String name,
    List<String> keyIds,
    int threshold,
    boolean terminating,
    List<String> paths,
    List<String> pathHashPrefixes) {

  /** Whether this role is trusted for {@code targetPath}, as the specification defines. */
  public boolean isDelegatedPath(String targetPath) {
    if (paths != null) {
      return paths.stream().anyMatch(p -> matches(p, targetPath));
    }
    String hash = Hashes.sha256Hex(targetPath.getBytes(StandardCharsets.UTF_8));
    return pathHashPrefixes.stream().anyMatch(hash::startsWith);
  }

  /**
   * Shell-style matching where {@code *} and {@code ?} never cross a '/', and both sides must have
   * as many path segments.
   */
  static boolean matches(String pattern, String path) {
    String[] p = pattern.split("/", -1);
    String[] t = path.split("/", -1);
    if (p.length != t.length) {
      return false;
    }
    for (int i = 0; i < p.length; i++) {
      if (!glob(p[i], 0, t[i], 0)) {
        return false;
      }
    }
    return true;
  }

  private static boolean glob(String p, int pi, String t, int ti) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        for (int k = ti; k <= t.length(); k++) {
          if (glob(p, pi + 1, t, k)) {
            return true;
          }
        }
        return false;
      }
      if (ti >= t.length() || (c != '?' && c != t.charAt(ti))) {
        return false;
      }
      pi++;
      ti++;
    }
    return ti == t.length();
  }
}
