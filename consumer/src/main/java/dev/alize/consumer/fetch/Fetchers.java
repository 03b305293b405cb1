package dev.alize.consumer.fetch;

import dev.alize.consumer.config.ConfigurationException;
import dev.alize.consumer.config.Subscription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/** The fetcher of a subscription: trusting only its pinned certificate when one is configured. */
public final class Fetchers {

  private Fetchers() {}

  /**
   * One fetcher per subscription, kept between syncs: a long-running consumer reuses its HTTPS
   * connection (and TLS session) from one poll to the next, so an unchanged poll costs a few
   * hundred bytes rather than a handshake.
   */
  public static Function<Subscription, Fetcher> kept() {
    Map<Subscription, Kept> fetchers = new ConcurrentHashMap<>();
    return subscription -> {
      // A pinned certificate replaced on disk is read again, as it was before fetchers were kept.
      String version = certificateVersion(subscription);
      return fetchers
          .compute(
              subscription,
              (s, kept) ->
                  kept != null && kept.certificate().equals(version)
                      ? kept
                      : new Kept(forSubscription(s), version))
          .fetcher();
    };
  }

  private record Kept(Fetcher fetcher, String certificate) {}

  private static String certificateVersion(Subscription subscription) {
    Path pem = subscription.tlsCertificate();
    if (pem == null) {
      return "";
    }
    try {
      return Files.getLastModifiedTime(pem) + " " + Files.size(pem);
    } catch (IOException e) {
      // Unreadable now: forSubscription reports it, naming the file.
      return "unreadable";
    }
  }

  public static Fetcher forSubscription(Subscription subscription) {
    return new HttpFetcher(FetcherSettings.DEFAULT, tls(subscription));
  }

  /**
   * The TLS trust of a subscription's servers: its pinned certificate, or null for the system's
   * trust store.
   */
  public static SSLContext tls(Subscription subscription) {
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
