package dev.alize.publisher.cli;

import dev.alize.publisher.tls.ServerCertificate;
import dev.alize.publisher.tls.TlsName;
import java.io.PrintWriter;
import java.util.stream.Collectors;

/** How {@code init} and {@code tls} tell the certificate they made. */
final class CertificateLines {

  private CertificateLines() {}

  static void print(PrintWriter out, ServerCertificate certificate) {
    out.printf(
        "TLS certificate: %s (for %s, valid until %s)%n",
        certificate.certificateFile(), names(certificate), certificate.notAfter());
    out.printf("SHA-256 fingerprint: %s%n", certificate.fingerprint());
  }

  static String names(ServerCertificate certificate) {
    return certificate.names().stream().map(TlsName::value).collect(Collectors.joining(", "));
  }
}
