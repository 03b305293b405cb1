package dev.alize.consumer.http;

import dev.alize.consumer.config.ConfigurationException;
import java.util.Collection;
import java.util.Locale;

/**
 * The admin API's settings, checked: each error names its key.
 *
 * @param port the TCP port, 0 for any free one
 */
public record ApiSettings(boolean enabled, String host, int port, AdminTokens admins) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8480;

  private static final String PREFIX = "alize.consumer.api.";

  /**
   * @throws ConfigurationException naming the key at fault
   */
  public static ApiSettings from(ApiProperties properties, Collection<AdminProperties> admins) {
    boolean enabled = enabled(properties.enabled());
    String host = properties.host() == null ? DEFAULT_HOST : properties.host().strip();
    if (host.isEmpty()) {
      throw new ConfigurationException(
          PREFIX + "host: empty; write an address, as 127.0.0.1 (the default) or 0.0.0.0 for all");
    }
    return new ApiSettings(enabled, host, port(properties.port()), AdminTokens.from(admins));
  }

  private static boolean enabled(String text) {
    if (text == null) {
      return true;
    }
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new ConfigurationException(
              PREFIX + "enabled: '" + text + "' is neither true nor false");
    };
  }

  private static int port(String text) {
    if (text == null) {
      return DEFAULT_PORT;
    }
    try {
      int port = Integer.parseInt(text.strip());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // Explained below.
    }
    throw new ConfigurationException(
        PREFIX + "port: '" + text + "' is not a TCP port: write 1 to 65535, or 0 for any free one");
  }
}
