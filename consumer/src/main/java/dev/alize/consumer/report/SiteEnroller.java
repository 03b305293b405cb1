package dev.alize.consumer.report;

import dev.alize.common.report.SiteEnrolment;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.site.SiteIdentity;
import dev.alize.consumer.store.UtcTimestamp;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;

/**
 * Enrols this site with a repository's publisher: sends the public half of the site's report key,
 * with the one-time token a maintainer issued for the site's label, then records the enrolment so
 * that reports leave for that publisher.
 */
@Singleton
public final class SiteEnroller {

  private final Database database;
  private final ReportRepository rows;
  private final SiteIdentity identity;
  private final ReportMarks marks;
  private final Clock clock;

  public SiteEnroller(
      Database database,
      ReportRepository rows,
      SiteIdentity identity,
      ReportMarks marks,
      Clock clock) {
    this.database = database;
    this.rows = rows;
    this.identity = identity;
    this.marks = marks;
    this.clock = clock;
  }

  /**
   * Enrols with the publisher of {@code subscription}.
   *
   * @throws EnrolmentException saying what the publisher answered, or why it could not be asked
   */
  public ReportEnrolment enrol(Subscription subscription, String label, String token) {
    if (subscription.reportUrl() == null) {
      throw new EnrolmentException(
          "alize.consumer.repositories."
              + subscription.name()
              + ".reports is not true: turn reports on before enrolling");
    }
    SiteEnrolment enrolment =
        new SiteEnrolment(
            identity.get(), label, identity.reportKey().publicKey().publicValue(), token);
    URI url = ReportUrls.sites(subscription.reportUrl());
    HttpResponse<String> response;
    try {
      response =
          ReportUrls.client(subscription)
              .send(
                  HttpRequest.newBuilder(url)
                      .timeout(ReportSender.TIMEOUT)
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofByteArray(enrolment.toBytes()))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new EnrolmentException("cannot reach " + url + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnrolmentException("interrupted while enrolling with " + url);
    }
    if (response.statusCode() / 100 != 2) {
      throw new EnrolmentException(
          url
              + " refused the enrolment ("
              + response.statusCode()
              + "): "
              + ReportUrls.reason(response.body())
              + hint(response.statusCode(), label));
    }
    Instant now = clock.instant();
    ReportEnrolment enrolled =
        new ReportEnrolment(subscription.name(), subscription.reportUrl().toString(), label, now);
    database.inTransaction(
        c -> {
          rows.forget(subscription.name());
          rows.enrol(enrolled.repository(), enrolled.url(), label, UtcTimestamp.of(now));
          return null;
        });
    marks.repository(subscription.name());
    return enrolled;
  }

  private static String hint(int status, String label) {
    return switch (status) {
      case 401 -> "; ask the maintainer for a new token: publisher enroll '" + label + "'";
      case 403 -> "; the token was issued for another label than alize.consumer.site-label";
      case 409 -> "; this site is enrolled already";
      default -> "";
    };
  }
}
