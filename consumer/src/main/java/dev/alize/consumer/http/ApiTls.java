package dev.alize.consumer.http;

import dev.alize.common.tls.ServerCertificate;
import dev.alize.common.tls.ServerCertificates;
import dev.alize.common.tls.TlsException;
import dev.alize.common.tls.TlsName;
import dev.alize.consumer.config.ConfigurationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the admin API is served: plain HTTP on loopback only, where no other machine can listen in;
 * HTTPS wherever TLS is configured, and always beyond loopback, with the operator's certificate or
 * one the consumer makes for the names given.
 *
 * @param given the operator's certificate, checked to match its key; null when none is given
 * @param names what a certificate is made for when none is given; empty for plain HTTP
 */
public record ApiTls(ServerCertificate given, List<TlsName> names) {

  static final String CERTIFICATE = "alize.consumer.api.tls.certificate";
  static final String KEY = "alize.consumer.api.tls.key";
  static final String NAMES = "alize.consumer.api.tls.names";

  /** The subject's O of the certificates the consumer makes, as browsers show it. */
  static final String ORGANIZATION = "Alize consumer";

  static final ApiTls PLAIN = new ApiTls(null, List.of());

  /** An IP address as written, rather than a name that would have to be looked up. */
  private static final Pattern ADDRESS =
      Pattern.compile("[0-9.]+|\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?");

  public ApiTls {
    names = List.copyOf(names);
  }

  /**
   * The choice that the settings make for an API listening on {@code host}.
   *
   * @param base the folder relative paths are read from: the configuration file's
   * @throws ConfigurationException naming the key at fault and what to write, and when {@code host}
   *     is beyond loopback without a certificate given or names to make one for
   */
  static ApiTls from(String host, ApiTlsProperties properties, Path base) {
    List<String> names = properties.names() == null ? List.of() : properties.names();
    if (properties.certificate() != null || properties.key() != null) {
      if (properties.certificate() == null) {
        throw new ConfigurationException(
            CERTIFICATE
                + ": required with "
                + KEY
                + ": write the PEM file of the key's certificate chain, or remove both to have"
                + " a certificate made for "
                + NAMES);
      }
      if (properties.key() == null) {
        throw new ConfigurationException(
            KEY + ": required with " + CERTIFICATE + ": write the PEM file of its private key");
      }
      if (!names.isEmpty()) {
        throw new ConfigurationException(
            NAMES
                + ": a certificate is made for names only when none is given by "
                + CERTIFICATE
                + ": remove one or the other");
      }
      return new ApiTls(
          given(base.resolve(properties.certificate()), base.resolve(properties.key())), List.of());
    }
    if (!names.isEmpty()) {
      return new ApiTls(null, parse(names));
    }
    if (isLoopback(host)) {
      return PLAIN;
    }
    throw new ConfigurationException(
        "alize.consumer.api.host: '"
            + host
            + "' is beyond loopback, where the admin API answers over HTTPS only: set "
            + NAMES
            + " to the names and addresses clients use to reach it (as [admin.example.org,"
            + " 192.0.2.10]) for a certificate made for them, or "
            + CERTIFICATE
            + " and "
            + KEY
            + " to PEM files of your own; or listen on 127.0.0.1");
  }

  /**
   * Whether {@code host} is a loopback address, or {@code localhost}. Any other name is taken as
   * beyond loopback, without a lookup: what it resolves to may change while the API runs.
   */
  static boolean isLoopback(String host) {
    if (host.toLowerCase(Locale.ROOT).equals("localhost")) {
      return true;
    }
    if (!ADDRESS.matcher(host).matches()) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static ServerCertificate given(Path certificate, Path key) {
    // Told apart by file below, and one file cannot hold both: each is read for one thing only.
    if (certificate.normalize().equals(key.normalize())) {
      throw new ConfigurationException(
          KEY + ": the same file as " + CERTIFICATE + ": give the private key's own PEM file");
    }
    try {
      return ServerCertificates.load(certificate, key);
    } catch (TlsException e) {
      String at = e.file().filter(certificate::equals).isPresent() ? CERTIFICATE : KEY;
      throw new ConfigurationException(at + ": " + e.getMessage());
    }
  }

  /** Each name once, in its order: the first is the certificate's common name. */
  private static List<TlsName> parse(List<String> names) {
    Set<TlsName> parsed = new LinkedHashSet<>();
    for (String name : names) {
      try {
        parsed.add(TlsName.parse(name.strip()));
      } catch (TlsException e) {
        throw new ConfigurationException(NAMES + ": " + e.getMessage());
      }
    }
    return List.copyOf(parsed);
  }

  /** Whether the API is served over HTTPS. */
  public boolean enabled() {
    return given != null || !names.isEmpty();
  }

  /**
   * The certificate to serve with: the one given, or the one made for {@link #names} in {@code
   * tlsDir} (made there on the first start, and again when the names change or it nears its end);
   * empty for plain HTTP.
   */
  Optional<ServerCertificate> certificate(Path tlsDir, Clock clock) {
    if (given != null) {
      return Optional.of(given);
    }
    if (names.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(ServerCertificates.madeFor(tlsDir, ORGANIZATION, names, clock));
  }
}
