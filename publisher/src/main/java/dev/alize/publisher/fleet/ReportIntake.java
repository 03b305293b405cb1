package dev.alize.publisher.fleet;

import dev.alize.common.crypto.PublicKey;
import dev.alize.common.report.InvalidReportException;
import dev.alize.common.report.ReportSignature;
import dev.alize.common.report.SiteReport;
import dev.alize.common.text.Printable;
import dev.alize.publisher.persistence.Database;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a site's signed report: checks who sent it, that it is signed by that site's enrolled key,
 * for that site, under its enrolled label, newer than the last one and within the site's rate, then
 * stores the state it tells in one transaction. A refusal changes nothing, is counted by reason and
 * logged with the site named in the request.
 */
@Singleton
public final class ReportIntake {

  private static final Logger LOG = LoggerFactory.getLogger(ReportIntake.class);

  private static final Pattern IDENTITY = Pattern.compile("[0-9a-f]{32}");

  /** The same answer whether the site is unknown or its header is no identity at all. */
  private static final String UNKNOWN_SITE =
      "unknown site: enrol it first (" + ReportSignature.SITE + " names an enrolled site)";

  private final Database database;
  private final SiteRepository sites;
  private final SiteDatasourceRepository states;
  private final SiteReleaseRepository releases;
  private final ReportRateLimit rateLimit;
  private final FleetMetrics metrics;
  private final AutoHalt autoHalt;
  private final Clock clock;

  public ReportIntake(
      Database database,
      SiteRepository sites,
      SiteDatasourceRepository states,
      SiteReleaseRepository releases,
      ReportRateLimit rateLimit,
      FleetMetrics metrics,
      AutoHalt autoHalt,
      Clock clock) {
    this.database = database;
    this.sites = sites;
    this.states = states;
    this.releases = releases;
    this.rateLimit = rateLimit;
    this.metrics = metrics;
    this.autoHalt = autoHalt;
    this.clock = clock;
  }

  /**
   * @param siteHeader the {@value ReportSignature#SITE} header, or null
   * @param signature the {@value ReportSignature#SIGNATURE} header, or null
   * @param body reads the body within {@link SiteReport#MAX_BYTES}
   * @throws RefusedException when the report is refused; nothing was stored
   */
  public void accept(String siteHeader, String signature, Supplier<byte[]> body) {
    SiteReport report;
    try {
      report = check(siteHeader, signature, body.get());
      store(report);
    } catch (RefusedException e) {
      metrics.reportRefused(e.reason());
      LOG.warn(
          "report refused ({}) from site {}: {}",
          e.reason().tag(),
          shown(siteHeader),
          Printable.escape(e.getMessage()));
      throw e;
    }
    metrics.reportAccepted();
    // The report is stored: what follows must not answer it as failed.
    try {
      refreshGauges();
      autoHalt.check(report);
    } catch (RuntimeException e) {
      LOG.error("after the report of site {}: {}", report.site(), e.getMessage(), e);
    }
  }

  /** Sets the per-release gauges from the database: after each report, and when serve starts. */
  public void refreshGauges() {
    metrics.sites(database.inTransaction(FleetQueries::stateCounts));
  }

  private SiteReport check(String siteHeader, String signature, byte[] body) {
    if (siteHeader == null || !IDENTITY.matcher(siteHeader).matches()) {
      throw new RefusedException(Refusal.UNKNOWN_SITE, UNKNOWN_SITE);
    }
    Site site =
        sites
            .find(siteHeader)
            .orElseThrow(() -> new RefusedException(Refusal.UNKNOWN_SITE, UNKNOWN_SITE));
    PublicKey key = PublicKey.ed25519(HexFormat.of().parseHex(site.publicKey()));
    if (!ReportSignature.verify(key, body, signature)) {
      throw new RefusedException(
          Refusal.BAD_SIGNATURE,
          "the signature ("
              + ReportSignature.SIGNATURE
              + ") is not the site's enrolled key's over this body");
    }
    SiteReport report;
    try {
      report = SiteReport.parse(body);
    } catch (InvalidReportException e) {
      rateLimit.acquire(site.id());
      throw new RefusedException(Refusal.MALFORMED, "not a report: " + e.getMessage());
    }
    // Before the rate is counted: a captured report replayed must not use up the site's allowance.
    if (report.sequence() <= site.lastSequence()) {
      throw replay(report);
    }
    rateLimit.acquire(site.id());
    if (!report.site().equals(site.id())) {
      throw new RefusedException(
          Refusal.OTHER_SITE, "the report is about another site than the one that signed it");
    }
    if (!report.label().equals(site.label())) {
      throw new RefusedException(
          Refusal.LABEL_CHANGED,
          "the site was enrolled under another label: re-enrol it under its new label");
    }
    return report;
  }

  private void store(SiteReport report) {
    long now = clock.millis();
    database.inTransaction(
        c -> {
          if (sites.advance(report.site(), report.sequence(), now, report.consumerVersion()) == 0) {
            throw replay(report);
          }
          // A report tells the whole state of each repository it names: what it leaves out, the
          // site no longer follows.
          report.datasources().stream()
              .map(SiteReport.DatasourceState::repository)
              .distinct()
              .forEach(r -> states.deleteRepository(report.site(), r));
          for (SiteReport.DatasourceState d : report.datasources()) {
            String installed = text(d.installed());
            states.delete(report.site(), d.datasource());
            states.insert(
                report.site(),
                d.datasource(),
                d.repository(),
                installed,
                text(d.previous()),
                d.outcome().wireName(),
                text(d.release()),
                d.errorClass() == null ? null : d.errorClass().wireName(),
                d.importMillis(),
                now);
            for (Map.Entry<List<String>, Integer> k : conflictCounts(d).entrySet()) {
              states.insertConflict(
                  report.site(),
                  d.datasource(),
                  k.getKey().get(0),
                  k.getKey().get(1),
                  k.getValue());
            }
            if (installed != null
                && releases.count(d.datasource(), installed, report.site()) == 0) {
              releases.insert(d.datasource(), installed, report.site(), now, d.importMillis());
            }
          }
          return null;
        });
  }

  private static RefusedException replay(SiteReport report) {
    return new RefusedException(
        Refusal.REPLAY,
        "sequence "
            + report.sequence()
            + " is not above the site's last report: a replayed or out-of-order report");
  }

  /** The counts by kind and severity, summed when a report tells one twice. */
  private static Map<List<String>, Integer> conflictCounts(SiteReport.DatasourceState d) {
    Map<List<String>, Integer> counts = new LinkedHashMap<>();
    for (SiteReport.ConflictCount k : d.conflicts()) {
      counts.merge(List.of(k.kind().wireName(), k.severity().wireName()), k.count(), Integer::sum);
    }
    return counts;
  }

  private static String text(Object version) {
    return version == null ? null : version.toString();
  }

  private static String shown(String header) {
    if (header == null) {
      return "(none)";
    }
    String cut = header.length() > 64 ? header.substring(0, 64) + "…" : header;
    return Printable.escape(cut);
  }
}
