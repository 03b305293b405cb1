package dev.alize.common.notify;

import java.net.URI;
import java.util.Objects;

/**
 * A receiver of JSON POSTs.
 *
 * @param secret the HMAC-SHA256 key of the {@value WebhookSender#SIGNATURE_HEADER} header
 */
public record WebhookTarget(URI url, String secret) {

  public WebhookTarget {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secret, "secret");
  }

  /**
   * The receiver as logs and stored errors name it: scheme, host and port, never the path or query,
   * which often carry a token.
   */
  public String shown() {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }

  /** Without the secret, so that logging the settings does not leak it. */
  @Override
  public String toString() {
    return "Webhook[url=" + shown() + ", secret=***]";
  }
}
