package dev.alize.consumer.http;

import java.nio.file.Path;
import java.util.Collection;

/**
 * The admin API's settings, checked: each error names its key.
 *
 * @param port the TCP port, 0 for any free one
 * @param tls plain HTTP or HTTPS, and with which certificate
 */
public record ApiSettings(boolean enabled, String host, int port, AdminTokens admins, ApiTls tls) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8480;

  /**
   * @param properties converted and constrained by the configuration check
   * @param base the folder relative paths are read from: the configuration file's
   * @throws dev.alize.consumer.config.ConfigurationException when an admin or the TLS settings are
   *     wrong, naming the key
   */
  public static ApiSettings from(
      ApiProperties properties,
      Collection<AdminProperties> admins,
      ApiTlsProperties tls,
      Path base) {
    String host = properties.host().strip();
    return new ApiSettings(
        properties.enabled(),
        host,
        properties.port(),
        AdminTokens.from(admins),
        // Nothing is served when the API is off: its certificate is not read.
        properties.enabled() ? ApiTls.from(host, tls, base) : ApiTls.PLAIN);
  }
}
