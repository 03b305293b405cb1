package dev.alize.consumer.cli;

import dev.alize.consumer.config.ConfigurationException;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.fetch.Fetcher;
import dev.alize.consumer.fetch.FetcherSettings;
import dev.alize.consumer.fetch.HttpFetcher;
import dev.alize.consumer.fetch.PinnedTrust;
import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;

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
    try {
      return PinnedTrust.of(subscription.tlsCertificate());
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
