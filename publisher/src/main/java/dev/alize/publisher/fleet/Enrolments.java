package dev.alize.publisher.fleet;

import dev.alize.common.report.InvalidReportException;
import dev.alize.common.report.SiteEnrolment;
import dev.alize.common.report.SiteLabel;
import dev.alize.common.text.Printable;
import dev.alize.common.token.TokenValue;
import dev.alize.publisher.persistence.Database;
import dev.alize.publisher.persistence.DatabaseException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrolment: a maintainer issues a one-time token for a site's label; the site sends it once with
 * its identity and the public half of its own key, and from then on signs its reports with that
 * key. Only the token's SHA-256 is stored.
 */
@Singleton
public final class Enrolments {

  private static final Logger LOG = LoggerFactory.getLogger(Enrolments.class);

  /**
   * The same answer for a token never issued, expired or used: a caller learns nothing by trying
   * tokens.
   */
  static final String BAD_TOKEN =
      "the enrolment token is unknown, expired or already used: ask the publisher's maintainers"
          + " for a new one";

  /** A token issued: shown once, to the maintainer who hands it to the site. */
  public record Issued(String token, String label, Instant expires) {}

  private final Database database;
  private final EnrolmentRepository enrolments;
  private final SiteRepository sites;
  private final FleetMetrics metrics;
  private final Clock clock;

  public Enrolments(
      Database database,
      EnrolmentRepository enrolments,
      SiteRepository sites,
      FleetMetrics metrics,
      Clock clock) {
    this.database = database;
    this.enrolments = enrolments;
    this.sites = sites;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Issues a one-time token for the site labelled {@code label}, valid for {@code valid}.
   *
   * @throws InvalidReportException when the label is not one
   */
  public Issued issue(String label, Duration valid) {
    SiteLabel.check(label, "LABEL");
    String token = TokenValue.generate();
    Instant now = clock.instant();
    Instant expires = now.plus(valid);
    database.inTransaction(
        c -> {
          enrolments.insert(
              TokenValue.sha256Hex(token), label, now.toEpochMilli(), expires.toEpochMilli());
          return null;
        });
    return new Issued(token, label, expires);
  }

  /**
   * Enrols the site that sent {@code body}, using its token up.
   *
   * @param body reads the body within {@link SiteEnrolment#MAX_BYTES}
   * @throws RefusedException when it is refused; nothing was changed
   */
  public Site enrol(Supplier<byte[]> body) {
    try {
      Site site = enrolFrom(body.get());
      metrics.enrolmentAccepted();
      LOG.info("site {} enrolled as \"{}\"", site.id(), Printable.escape(site.label()));
      return site;
    } catch (RefusedException e) {
      metrics.enrolmentRefused(e.reason());
      LOG.warn("enrolment refused ({}): {}", e.reason().tag(), Printable.escape(e.getMessage()));
      throw e;
    }
  }

  private Site enrolFrom(byte[] body) {
    SiteEnrolment asked;
    try {
      asked = SiteEnrolment.parse(body);
    } catch (InvalidReportException e) {
      throw new RefusedException(Refusal.MALFORMED, "not an enrolment: " + e.getMessage());
    }
    long now = clock.millis();
    String hash = TokenValue.sha256Hex(asked.token());
    try {
      return database.inTransaction(
          c -> {
            Enrolment enrolment =
                enrolments
                    .find(hash)
                    .filter(e -> e.usedAt() == null && e.expiresAt() > now)
                    .orElseThrow(() -> new RefusedException(Refusal.BAD_TOKEN, BAD_TOKEN));
            if (!enrolment.label().equals(asked.label())) {
              throw new RefusedException(
                  Refusal.OTHER_LABEL,
                  "the enrolment token was issued for another label: enrol under that label,"
                      + " or ask for a token for this one");
            }
            if (sites.find(asked.site()).isPresent()) {
              throw alreadyEnrolled();
            }
            if (enrolments.use(hash, now, asked.site()) == 0) {
              throw new RefusedException(Refusal.BAD_TOKEN, BAD_TOKEN);
            }
            sites.insert(asked.site(), asked.label(), asked.publicKey(), now);
            return new Site(asked.site(), asked.label(), asked.publicKey(), now, null, 0, null);
          });
    } catch (DatabaseException e) {
      // Another request enrolled the same identity between the check and the insert.
      if (e.isDuplicateKey()) {
        throw alreadyEnrolled();
      }
      throw e;
    }
  }

  private static RefusedException alreadyEnrolled() {
    return new RefusedException(
        Refusal.ALREADY_ENROLLED,
        "this site identity is already enrolled; a site that lost its key enrols with a new"
            + " identity");
  }
}
