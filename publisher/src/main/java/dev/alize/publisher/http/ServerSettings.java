package dev.alize.publisher.http;

import dev.alize.common.tls.ServerCertificate;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code serve} was asked for, as the Micronaut properties that set it up. The rest of the
 * server's configuration is in {@code application.properties}, and in the operator's {@code
 * configFile}, which these override.
 *
 * @param port the TCP port, 0 for any free one
 * @param configFile a YAML or properties file of further settings (the write API's tokens), or null
 */
public record ServerSettings(
    Path repoDir,
    Path keysDir,
    String host,
    int port,
    ServerCertificate certificate,
    Path configFile) {

  /** The subject's O of the certificates the publisher makes, as browsers show it. */
  public static final String CERTIFICATE_ORGANIZATION = "Alize publisher";

  public ServerSettings(
      Path repoDir, Path keysDir, String host, int port, ServerCertificate certificate) {
    this(repoDir, keysDir, host, port, certificate, null);
  }

  Map<String, Object> properties() {
    Map<String, Object> properties = new HashMap<>();
    properties.put("alize.publisher.repo-dir", repoDir.toAbsolutePath().toString());
    properties.put("alize.publisher.keys-dir", keysDir.toAbsolutePath().toString());
    properties.put("micronaut.server.host", host);
    // With TLS on and dual-protocol off, this is the only listener; Netty picks a port for 0.
    properties.put("micronaut.server.ssl.port", port);
    // Paths only: Micronaut reads the PEM files itself (key-path and certificate-path, 4.10+).
    properties.put("micronaut.server.ssl.key-store.key-path", fileUrl(certificate.keyFile()));
    properties.put(
        "micronaut.server.ssl.key-store.certificate-path", fileUrl(certificate.certificateFile()));
    return properties;
  }

  private static String fileUrl(Path file) {
    return "file:" + file.toAbsolutePath();
  }
}
