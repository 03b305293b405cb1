package dev.alize.consumer.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * {@code alize.consumer.api.tls.*}: the admin API's certificate, given or made; {@link ApiTls}
 * checks them and the files named.
 *
 * @param certificate a PEM certificate chain, leaf first, relative to the configuration file's
 *     folder
 * @param key the unencrypted PEM private key of {@code certificate}, relative to the same folder
 * @param names the DNS names and IP addresses clients use, for a certificate the consumer makes
 */
@ConfigurationProperties("alize.consumer.api.tls")
public record ApiTlsProperties(
    @Nullable String certificate, @Nullable String key, @Nullable List<String> names) {

  static ApiTlsProperties none() {
    return new ApiTlsProperties(null, null, null);
  }
}
