package dev.alize.common.tls;

import java.io.PrintWriter;
import java.util.stream.Collectors;

/**
 * How the applications tell a server certificate to its operator: its file, names and end, and the
 * SHA-256 fingerprint to compare with what a client shows.
 */
public final class CertificateLines {

  private CertificateLines() {}

  public static void print(PrintWriter out, ServerCertificate certificate) {
    out.printf(
        "TLS certificate: %s (for %s, valid until %s)%n",
        certificate.certificateFile(), names(certificate), certificate.notAfter());
    out.printf("SHA-256 fingerprint: %s%n", certificate.fingerprint());
  }

  /** The names the certificate holds, as {@code models.example.org, 192.0.2.10}. */
  public static String names(ServerCertificate certificate) {
    return certificate.names().stream().map(TlsName::value).collect(Collectors.joining(", "));
  }
}
