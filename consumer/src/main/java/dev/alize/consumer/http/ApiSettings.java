package dev.alize.consumer.http;

import java.util.Collection;

/**
 * The admin API's settings, checked: each error names its key.
 *
 * @param port the TCP port, 0 for any free one
 */
public record ApiSettings(boolean enabled, String host, int port, AdminTokens admins) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8480;

  /**
   * @param properties converted and constrained by the configuration check
   * @throws dev.alize.consumer.config.ConfigurationException when an admin is wrong, naming its key
   */
  public static ApiSettings from(ApiProperties properties, Collection<AdminProperties> admins) {
    return new ApiSettings(
        properties.enabled(),
        properties.host().strip(),
        properties.port(),
        AdminTokens.from(admins));
  }
}
