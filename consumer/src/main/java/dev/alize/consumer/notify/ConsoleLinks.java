package dev.alize.consumer.notify;

import dev.alize.consumer.config.ConfigurationException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The web console's pages that notifications link to, under the address admins reach the console
 * at: {@code alize.consumer.notifications.console-url}, such as {@code
 * https://alize.site.example:8480/console}.
 *
 * @param base the console's absolute http or https URL, without a trailing slash, query, fragment
 *     or user info
 */
public record ConsoleLinks(URI base) {

  private static final String KEY = NotificationSettings.PREFIX + "console-url";

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  public ConsoleLinks {
    Objects.requireNonNull(base, "base");
  }

  /**
   * The console that {@code alize.consumer.notifications.console-url} names, checked.
   *
   * @return empty when the key is not set
   * @throws ConfigurationException naming the key at fault
   */
  public static Optional<ConsoleLinks> from(URI url) {
    if (url == null) {
      return Optional.empty();
    }
    // Before the other checks, whose messages repeat the URL.
    if (url.getRawUserInfo() != null) {
      throw new ConfigurationException(
          KEY + ": write no credentials in the URL; admins sign in to the console with a token");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
      throw new ConfigurationException(
          KEY
              + ": '"
              + url
              + "' is not an absolute http or https URL; write the console's address as admins"
              + " reach it, such as https://alize.site.example:8480/console");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new ConfigurationException(
          KEY
              + ": '"
              + url
              + "' has a query or a fragment; write the console's address only, such as"
              + " https://alize.site.example:8480/console");
    }
    // Without a query or a fragment, the trailing slashes end the text.
    return Optional.of(new ConsoleLinks(URI.create(url.toASCIIString().replaceFirst("/+$", ""))));
  }

  /** The list of open conflicts. */
  public String conflicts() {
    return at("/conflicts");
  }

  /** One conflict's page, by the conflict's id. */
  public String conflict(long id) {
    return at("/conflicts/" + id);
  }

  /** A held release's preview and approval. */
  public String held(String datasource, String version) {
    return at("/held/" + segment(datasource) + "/" + segment(version));
  }

  /**
   * The page of a whole notice: the conflicts for an import or a rollback, the release's for a held
   * release; none for a root rotation, which the console has no page for.
   */
  public Optional<String> findPage(ImportNotice notice) {
    return switch (notice.kind()) {
      case ImportNotice.IMPORT, ImportNotice.ROLLBACK -> Optional.of(conflicts());
      case ImportNotice.HELD -> Optional.of(held(notice.datasource(), notice.toVersion()));
      default -> Optional.empty();
    };
  }

  private String at(String path) {
    return base.toASCIIString() + path;
  }

  /**
   * The text as one path segment: every character but the unreserved ones of RFC 3986 percent
   * encoded from UTF-8, so that a slash, a space or a {@code +} in a name stays in its segment.
   */
  static String segment(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }
}
