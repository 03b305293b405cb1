package dev.alize.publisher.fleet;

import dev.alize.common.conflict.ConflictKind;
import dev.alize.common.crypto.Ed25519SigningKey;
import dev.alize.common.report.ErrorClass;
import dev.alize.common.report.ReportOutcome;
import dev.alize.common.report.ReportSignature;
import dev.alize.common.report.SiteEnrolment;
import dev.alize.common.report.SiteReport;
import dev.alize.common.version.SemanticVersion;
import io.micronaut.context.ApplicationContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sites of a test fleet: each enrolled with its own key, sending signed reports in sequence. */
public final class TestSites {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A site: its identity, label and key, and the sequence of its last report. */
  public static final class Member {
    public final String id;
    public final String label;
    public final Ed25519SigningKey key;
    long sequence;

    Member(String label) {
      byte[] id = new byte[16];
      RANDOM.nextBytes(id);
      this.id = HexFormat.of().formatHex(id);
      this.label = label;
      this.key = Ed25519SigningKey.generate(RANDOM);
    }

    /** The enrolment this site sends with {@code token}. */
    public SiteEnrolment enrolment(String token) {
      return new SiteEnrolment(id, label, key.publicKey().publicValue(), token);
    }

    /** The next report of this site, telling {@code states}, as sent. */
    public byte[] next(List<SiteReport.DatasourceState> states) {
      sequence++;
      return report(sequence, states);
    }

    public byte[] report(long sequence, List<SiteReport.DatasourceState> states) {
      return new SiteReport(id, label, sequence, Instant.EPOCH, "0.1.0", states).toBytes();
    }

    public String sign(byte[] body) {
      return ReportSignature.sign(key, body);
    }
  }

  private final Enrolments enrolments;
  private final ReportIntake intake;

  public TestSites(ApplicationContext context) {
    this.enrolments = context.getBean(Enrolments.class);
    this.intake = context.getBean(ReportIntake.class);
  }

  public static Member member(String label) {
    return new Member(label);
  }

  public Member enrol(String label) {
    Member m = new Member(label);
    String token = enrolments.issue(label, Duration.ofDays(1)).token();
    enrolments.enrol(() -> m.enrolment(token).toBytes());
    return m;
  }

  public void send(Member m, SiteReport.DatasourceState state) {
    byte[] body = m.next(List.of(state));
    intake.accept(m.id, m.sign(body), () -> body);
  }

  /** Sends a report with the last sequence again. */
  void resend(Member m, SiteReport.DatasourceState state) {
    byte[] body = m.report(m.sequence, List.of(state));
    intake.accept(m.id, m.sign(body), () -> body);
  }

  /** eole, just imported {@code installed} over {@code previous} in {@code millis}. */
  public static SiteReport.DatasourceState imported(
      String installed, String previous, long millis, Map<ConflictKind, Integer> conflicts) {
    List<SiteReport.ConflictCount> counts = new ArrayList<>();
    new TreeMap<>(conflicts)
        .forEach((k, n) -> counts.add(new SiteReport.ConflictCount(k, k.severity(), n)));
    return new SiteReport.DatasourceState(
        "eole-repo",
        "eole",
        SemanticVersion.parse(installed),
        SemanticVersion.parse(previous),
        ReportOutcome.IMPORTED,
        SemanticVersion.parse(installed),
        null,
        millis,
        counts);
  }

  /** eole at {@code installed}, its last sync come to {@code outcome} about {@code release}. */
  public static SiteReport.DatasourceState state(
      String installed, ReportOutcome outcome, String release, ErrorClass error) {
    return new SiteReport.DatasourceState(
        "eole-repo",
        "eole",
        SemanticVersion.parse(installed),
        null,
        outcome,
        release == null ? null : SemanticVersion.parse(release),
        error,
        null,
        List.of());
  }
}
