package dev.alize.consumer.cli;

import dev.alize.consumer.config.ConfigurationException;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.fetch.Fetcher;
import dev.alize.consumer.fetch.FetcherSettings;
import dev.alize.consumer.fetch.HttpFetcher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The fetcher of a subscription: trusting only its pinned certificate when one is configured. */
final class Fetchers {

  private Fetchers() {}

  static Fetcher forSubscription(Subscription subscription) {
    return new HttpFetcher(FetcherSettings.DEFAULT, tls(subscription));
  }

  private static SSLContext tls(Subscription subscription) {
    if (subscription.tlsCertificate() == null) {
      return null;
    }
    try (InputStream in = Files.newInputStream(subscription.tlsCertificate())) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("pinned-" + i++, c);
      }
      if (i == 0) {
        throw new ConfigurationException(subscription.tlsCertificate() + ": no certificate in it");
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigurationException(
          "alize.consumer.repositories."
              + subscription.name()
              + ".tls-certificate: cannot read "
              + subscription.tlsCertificate()
              + ": "
              + e.getMessage());
    }
  }
}
