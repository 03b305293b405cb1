package dev.alize.common.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.conflict.ConflictKind;
import dev.alize.common.conflict.Severity;
import dev.alize.common.crypto.Ed25519SigningKey;
import dev.alize.common.version.SemanticVersion;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SiteReportTest {

  private static final String SITE = "0123456789abcdef0123456789abcdef";

  static SiteReport report() {
    return new SiteReport(
        SITE,
        "lycée Jean Moulin",
        7,
        Instant.parse("2026-12-06T10:00:00Z"),
        "0.1.0",
        List.of(
            new SiteReport.DatasourceState(
                "upstream",
                "eole",
                SemanticVersion.parse("1.1.0"),
                SemanticVersion.parse("1.0.0"),
                ReportOutcome.IMPORTED,
                SemanticVersion.parse("1.1.0"),
                null,
                5230L,
                List.of(
                    new SiteReport.ConflictCount(
                        ConflictKind.OVERRIDE_INVALID, Severity.BLOCKING, 3))),
            new SiteReport.DatasourceState(
                "upstream",
                "acme-monitoring",
                null,
                null,
                ReportOutcome.FAILED,
                null,
                ErrorClass.DOWNLOAD,
                null,
                List.of())));
  }

  @Test
  void bytes_roundTrip() {
    SiteReport report = report();

    assertEquals(report, SiteReport.parse(report.toBytes()));
  }

  @Test
  void signature_verifiesTheExactBytes_andNothingElse() {
    Ed25519SigningKey key = Ed25519SigningKey.generate(new SecureRandom());
    Ed25519SigningKey other = Ed25519SigningKey.generate(new SecureRandom());
    byte[] body = report().toBytes();
    String signature = ReportSignature.sign(key, body);

    assertTrue(ReportSignature.verify(key.publicKey(), body, signature));
    byte[] changed = body.clone();
    changed[changed.length - 3] ^= 1;
    assertFalse(ReportSignature.verify(key.publicKey(), changed, signature));
    assertFalse(ReportSignature.verify(other.publicKey(), body, signature));
    assertFalse(ReportSignature.verify(key.publicKey(), body, "not base64!"));
    assertFalse(ReportSignature.verify(key.publicKey(), body, null));
    assertFalse(ReportSignature.verify(key.publicKey(), body, "A".repeat(10_000)));
  }

  private static final String VALID =
      "{\"format\":1,\"site\":\""
          + SITE
          + "\",\"label\":\"a\",\"sequence\":1,"
          + "\"sent\":\"2026-12-06T10:00:00Z\",\"consumer_version\":\"0.1.0\",\"datasources\":[%s]}";

  private static final String STATE =
      "{\"repository\":\"up\",\"datasource\":\"eole\",\"outcome\":\"up_to_date\","
          + "\"conflicts\":[%s]%s}";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "null",
        "{\"format\":2}",
        "{\"format\":1,\"site\":\"ABC\"}",
        "{\"format\":1,\"site\":\"0123456789abcdef0123456789abcdef\",\"label\":\"\"}",
        "{\"format\":1,\"site\":\"0123456789abcdef0123456789abcdef\",\"label\":\"a\\u001b[2J\"}",
        "{\"format\":1,\"site\":\"0123456789abcdef0123456789abcdef\",\"label\":\"a\",\"sequence\":0}",
        "{\"format\":1,\"site\":\"0123456789abcdef0123456789abcdef\",\"label\":\"a\",\"sequence\":1.5}",
        "{\"format\":1,\"site\":\"0123456789abcdef0123456789abcdef\",\"label\":\"a\",\"sequence\":1,"
            + "\"sent\":\"today\"}",
        "{\"format\":1,\"extra\":true}"
      })
  void parse_hostileHeads_areRefusedNamingTheField(String json) {
    assertThrows(
        InvalidReportException.class,
        () -> SiteReport.parse(json.getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"repository\":\"up\",\"datasource\":\"../x\",\"outcome\":\"imported\",\"conflicts\":[]}",
        "{\"repository\":\"up/../x\",\"datasource\":\"eole\",\"outcome\":\"imported\",\"conflicts\":[]}",
        "{\"repository\":\"up\",\"datasource\":\"eole\",\"outcome\":\"exploded\",\"conflicts\":[]}",
        "{\"repository\":\"up\",\"datasource\":\"eole\",\"outcome\":\"failed\",\"conflicts\":[]}",
        "{\"repository\":\"up\",\"datasource\":\"eole\",\"outcome\":\"imported\",\"conflicts\":[],"
            + "\"error_class\":\"download\"}",
        "{\"repository\":\"up\",\"datasource\":\"eole\",\"outcome\":\"imported\",\"conflicts\":[],"
            + "\"import_ms\":-1}",
        "{\"repository\":\"up\",\"datasource\":\"eole\",\"outcome\":\"imported\",\"conflicts\":[],"
            + "\"installed\":\"1.0\"}",
        "{\"repository\":\"up\",\"datasource\":\"eole\",\"outcome\":\"imported\","
            + "\"conflicts\":[{\"kind\":\"x\",\"severity\":\"blocking\",\"count\":1}]}",
        "{\"repository\":\"up\",\"datasource\":\"eole\",\"outcome\":\"imported\","
            + "\"conflicts\":[{\"kind\":\"override-invalid\",\"severity\":\"blocking\",\"count\":0}]}",
        "{\"repository\":\"up\",\"datasource\":\"eole\",\"outcome\":\"imported\","
            + "\"conflicts\":[{\"kind\":\"override-invalid\",\"severity\":\"blocking\",\"count\":1,"
            + "\"value\":\"secret\"}]}",
        "{\"repository\":\"up\",\"datasource\":\"eole\",\"outcome\":\"imported\",\"conflicts\":{}}",
        "7"
      })
  void parse_hostileDatasources_areRefusedNamingTheirPlace(String state) {
    InvalidReportException e =
        assertThrows(
            InvalidReportException.class,
            () -> SiteReport.parse(VALID.formatted(state).getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("datasources[0]"), e.getMessage());
  }

  @Test
  void parse_aVersionLongerThanThePublisherStores_isRefusedNamingTheField() {
    String state =
        "{\"repository\":\"up\",\"datasource\":\"eole\",\"outcome\":\"imported\","
            + "\"conflicts\":[],\"installed\":\"1.0.0+"
            + "b".repeat(120)
            + "\"}";

    InvalidReportException e =
        assertThrows(
            InvalidReportException.class,
            () -> SiteReport.parse(VALID.formatted(state).getBytes(StandardCharsets.UTF_8)));

    assertEquals("'datasources[0].installed' is longer than 100 characters", e.getMessage());
  }

  @Test
  void parse_tooManyDatasourcesOrConflictsOrBytes_isRefused() {
    String state = STATE.formatted("", "");
    String many = String.join(",", java.util.Collections.nCopies(201, state));
    assertThrows(
        InvalidReportException.class,
        () -> SiteReport.parse(VALID.formatted(many).getBytes(StandardCharsets.UTF_8)));
    String conflict = "{\"kind\":\"override-invalid\",\"severity\":\"blocking\",\"count\":1}";
    String conflicts =
        STATE.formatted(String.join(",", java.util.Collections.nCopies(65, conflict)), "");
    assertThrows(
        InvalidReportException.class,
        () -> SiteReport.parse(VALID.formatted(conflicts).getBytes(StandardCharsets.UTF_8)));
    InvalidReportException big =
        assertThrows(
            InvalidReportException.class,
            () -> SiteReport.parse(new byte[SiteReport.MAX_BYTES + 1]));
    assertEquals("a report is at most 65536 bytes, not 65537", big.getMessage());
  }

  @Test
  void parse_deepNesting_isRefusedQuickly() {
    String deep = "[".repeat(20_000) + "]".repeat(20_000);
    byte[] body = ("{\"format\":1,\"x\":" + deep + "}").getBytes(StandardCharsets.UTF_8);

    assertThrows(InvalidReportException.class, () -> SiteReport.parse(body));
  }

  @Test
  void reportAndEnrolment_withContentAfterTheObject_areRefused() {
    byte[] report = report().toBytes();
    byte[] enrolment =
        new SiteEnrolment(
                SITE,
                "site A",
                Ed25519SigningKey.generate(new SecureRandom()).publicKey().publicValue(),
                "t".repeat(43))
            .toBytes();
    for (String after : List.of(" {}", "x", "]")) {
      assertThrows(InvalidReportException.class, () -> SiteReport.parse(followed(report, after)));
      assertThrows(
          InvalidReportException.class, () -> SiteEnrolment.parse(followed(enrolment, after)));
    }
  }

  private static byte[] followed(byte[] body, String after) {
    return (new String(body, StandardCharsets.UTF_8) + after).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void enrolment_roundTrips_andRefusesHostileFields() {
    Ed25519SigningKey key = Ed25519SigningKey.generate(new SecureRandom());
    SiteEnrolment enrolment =
        new SiteEnrolment(SITE, "site A", key.publicKey().publicValue(), "t".repeat(43));

    assertEquals(enrolment, SiteEnrolment.parse(enrolment.toBytes()));
    assertEquals(key.publicKey().publicValue(), enrolment.key().publicValue());
    for (String bad :
        List.of(
            "{}",
            "{\"site\":\""
                + SITE
                + "\",\"label\":\"a\",\"public_key\":\"00\",\"token\":\""
                + "t".repeat(43)
                + "\"}",
            "{\"site\":\""
                + SITE
                + "\",\"label\":\"a\",\"public_key\":\""
                + "0".repeat(64)
                + "\",\"token\":\"short\"}",
            "{\"site\":\""
                + SITE
                + "\",\"label\":\"a\\n\",\"public_key\":\""
                + "0".repeat(64)
                + "\",\"token\":\""
                + "t".repeat(43)
                + "\"}")) {
      assertThrows(
          InvalidReportException.class,
          () -> SiteEnrolment.parse(bad.getBytes(StandardCharsets.UTF_8)),
          bad);
    }
  }
}
