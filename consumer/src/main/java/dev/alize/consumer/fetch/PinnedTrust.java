package dev.alize.consumer.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * TLS that trusts the certificates of one PEM file and nothing else (a pinned publisher), or the
 * system's trust store; either way a refused certificate says whether its name, its validity or
 * trust failed.
 */
public final class PinnedTrust {

  private static final Clock CLOCK = Clock.systemUTC();

  private PinnedTrust() {}

  /**
   * @throws GeneralSecurityException when the file holds no certificate, or one that cannot be read
   */
  public static SSLContext of(Path pem) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("pinned-" + i++, c);
      }
      if (i == 0) {
        throw new GeneralSecurityException("no certificate in it");
      }
      return context(new ExplainingTrustManager(trust, "the certificate pinned in " + pem, CLOCK));
    }
  }

  /**
   * TLS that trusts the system's trust store (the JDK's {@code cacerts}, or {@code
   * javax.net.ssl.trustStore}), for a publisher with a certificate from a public authority.
   */
  public static SSLContext system() throws GeneralSecurityException {
    return context(
        new ExplainingTrustManager(
            null, "issued by an authority of the system's trust store", CLOCK));
  }

  private static SSLContext context(ExplainingTrustManager trust) throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {trust}, null);
    return context;
  }
}
