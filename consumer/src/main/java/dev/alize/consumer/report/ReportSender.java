package dev.alize.consumer.report;

import dev.alize.common.crypto.Ed25519SigningKey;
import dev.alize.common.report.ReportSignature;
import dev.alize.common.report.SiteReport;
import dev.alize.common.text.Printable;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.site.SiteIdentity;
import dev.alize.consumer.store.UtcTimestamp;
import dev.alize.consumer.sync.StatusStore;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the reports due: for each repository noted changed and enrolled, the report of its state
 * now, signed with the site's key. A publisher that is down or refuses is tried again later, the
 * wait doubling from {@link #FIRST_RETRY} up to {@link #MAX_RETRY}; the change stays noted, and the
 * next attempt reports the state then. Nothing here ever delays or fails a sync.
 */
@Singleton
public final class ReportSender {

  private static final Logger LOG = LoggerFactory.getLogger(ReportSender.class);

  public static final Duration FIRST_RETRY = Duration.ofSeconds(30);
  public static final Duration MAX_RETRY = Duration.ofHours(1);

  /** Each attempt's limit: reports are small, and a slow publisher is tried again later. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** The longest reason kept from a refusal. */
  private static final int MAX_ERROR = 500;

  private final Database database;
  private final ReportRepository rows;
  private final ReportComposer composer;
  private final SiteIdentity identity;
  private final StatusStore statuses;
  private final Clock clock;
  private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

  public ReportSender(
      Database database,
      ReportRepository rows,
      ReportComposer composer,
      SiteIdentity identity,
      StatusStore statuses,
      Clock clock) {
    this.database = database;
    this.rows = rows;
    this.composer = composer;
    this.identity = identity;
    this.statuses = statuses;
    this.clock = clock;
  }

  /**
   * Sends the reports due now.
   *
   * @param label the site's label, or null when no repository reports
   * @return how many were delivered
   */
  public int sendDue(List<Subscription> subscriptions, String label) {
    Map<String, Subscription> byName =
        subscriptions.stream().collect(Collectors.toMap(Subscription::name, Function.identity()));
    List<PendingReport> due =
        database.inTransaction(c -> rows.due(UtcTimestamp.of(clock.instant())));
    int delivered = 0;
    for (PendingReport pending : due) {
      Subscription subscription = byName.get(pending.repository());
      Optional<ReportEnrolment> enrolment =
          database.inTransaction(c -> rows.enrolment(pending.repository()));
      if (subscription == null || subscription.reportUrl() == null || label == null) {
        // Reports off for it (or the repository is gone): nothing will ever send this.
        database.inTransaction(
            c -> {
              rows.drop(pending.repository());
              return null;
            });
      } else if (enrolment.isEmpty()) {
        failed(
            pending,
            "not enrolled: run 'consumer enroll " + pending.repository() + " --token TOKEN'",
            MAX_RETRY);
      } else if (send(subscription, label, pending)) {
        delivered++;
      }
    }
    return delivered;
  }

  private boolean send(Subscription subscription, String label, PendingReport pending) {
    SiteReport report =
        composer.compose(subscription.name(), label, statuses.read(subscription.name()));
    byte[] body = report.toBytes();
    Ed25519SigningKey key = identity.reportKey();
    URI url = ReportUrls.reports(subscription.reportUrl());
    try {
      HttpResponse<String> response =
          client(subscription)
              .send(
                  HttpRequest.newBuilder(url)
                      .timeout(TIMEOUT)
                      .header("Content-Type", "application/json")
                      .header(ReportSignature.SITE, report.site())
                      .header(ReportSignature.SIGNATURE, ReportSignature.sign(key, body))
                      .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 == 2) {
        database.inTransaction(c -> rows.delivered(pending.repository(), pending.changeCount()));
        if (pending.lastError() != null) {
          LOG.info("{}: reports are delivered to {} again", subscription.name(), url);
        }
        return true;
      }
      failed(
          pending,
          "the publisher answered "
              + response.statusCode()
              + ": "
              + ReportUrls.reason(response.body()),
          null);
    } catch (IOException e) {
      failed(pending, "cannot reach " + url + ": " + e.getMessage(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  /** Records a failed attempt; the next one comes after {@code wait}, or the back-off's. */
  private void failed(PendingReport pending, String error, Duration wait) {
    Duration next = wait != null ? wait : backoff(pending.attempts());
    String reason = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
    // Once when reports start failing, not at every attempt nor every change noted meanwhile.
    if (pending.lastError() == null) {
      LOG.warn(
          "{}: report not sent: {}; tried again in {}, then less and less often",
          pending.repository(),
          Printable.escape(reason),
          next);
    }
    Instant at = clock.instant().plus(next);
    database.inTransaction(
        c -> {
          rows.failed(pending.repository(), UtcTimestamp.of(at), reason);
          return null;
        });
  }

  /** The wait after {@code attempts} failed attempts: 30 s, 1 min, 2 min, … up to an hour. */
  static Duration backoff(int attempts) {
    Duration wait = FIRST_RETRY;
    for (int i = 0; i < attempts && wait.compareTo(MAX_RETRY) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
  }

  private HttpClient client(Subscription subscription) {
    return clients.computeIfAbsent(subscription.name(), name -> ReportUrls.client(subscription));
  }
}
