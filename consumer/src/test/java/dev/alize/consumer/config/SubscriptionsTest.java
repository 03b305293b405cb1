package dev.alize.consumer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.release.Channel;
import dev.alize.common.release.RolloutMode;
import dev.alize.common.version.Bump;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionsTest {

  @TempDir Path base;

  @BeforeEach
  void anchor() throws IOException {
    Files.writeString(base.resolve("root.json"), "{}");
  }

  /** The repository {@code eole} as written in the configuration; null for a key left out. */
  private static Map<String, Object> properties(
      String url,
      List<String> mirrors,
      String channel,
      String autoApprove,
      String interval,
      Boolean plain) {
    Map<String, Object> keys = new HashMap<>();
    keys.put("url", url);
    keys.put("mirrors", mirrors);
    keys.put("trusted-root", "root.json");
    keys.put("channel", channel);
    keys.put("auto-approve", autoApprove);
    keys.put("poll-interval", interval);
    keys.put("allow-plain-http", plain);
    Map<String, Object> properties = new HashMap<>();
    keys.forEach(
        (key, value) -> {
          if (value != null) {
            properties.put("alize.consumer.repositories.eole." + key, value);
          }
        });
    return properties;
  }

  /** Checked, as a command reads them. */
  private List<Subscription> subscriptions(Map<String, Object> properties) {
    try (ApplicationContext context = CheckedContexts.start(properties)) {
      return Subscriptions.from(context.getBeansOfType(RepositoryProperties.class), base);
    }
  }

  private Subscription one(Map<String, Object> p) {
    List<Subscription> all = subscriptions(p);
    assertEquals(1, all.size());
    return all.get(0);
  }

  private String refused(Map<String, Object> p) {
    return assertThrows(ConfigurationException.class, () -> subscriptions(p)).getMessage();
  }

  @Test
  void defaults_areStableMinorAndFifteenMinutes() {
    Subscription s = one(properties("https://models.example", null, null, null, null, null));
    assertEquals(Channel.STABLE, s.channel());
    assertEquals(Bump.MINOR, s.autoApprove());
    assertEquals(Duration.ofMinutes(15), s.pollInterval());
    assertEquals(base.resolve("root.json"), s.trustedRoot());
    assertEquals(List.of(URI.create("https://models.example")), s.bases());
    assertTrue(s.follows("anything"));
  }

  @Test
  void mirrors_comeAfterTheRepository() {
    Subscription s =
        one(
            properties(
                "https://a.example",
                List.of("https://b.example", "https://c.example"),
                null,
                null,
                null,
                null));
    assertEquals(
        List.of(
            URI.create("https://a.example"),
            URI.create("https://b.example"),
            URI.create("https://c.example")),
        s.bases());
  }

  @Test
  void plainHttp_isRefusedUnlessAllowed() {
    String message = refused(properties("http://models.example", null, null, null, null, null));
    assertTrue(
        message.startsWith(
            "alize.consumer.repositories.eole.url: 'http://models.example' is plain HTTP"),
        message);
    assertEquals(
        URI.create("http://models.example"),
        one(properties("http://models.example", null, null, null, null, true)).url());
  }

  @Test
  void plainHttpMirror_isRefusedToo() {
    String message =
        refused(
            properties("https://a.example", List.of("http://b.example"), null, null, null, null));
    assertTrue(message.startsWith("alize.consumer.repositories.eole.mirrors:"), message);
  }

  @Test
  void otherSchemes_areRefused() {
    assertTrue(
        refused(properties("ftp://a.example", null, null, null, null, null))
            .contains("not an https URL"));
  }

  @Test
  void missingUrl_namesTheKey() {
    assertEquals(
        "alize.consumer.repositories.eole.url is required",
        refused(properties(null, null, null, null, null, null)));
  }

  @Test
  void missingTrustAnchorFile_namesTheKeyAndThePath() throws IOException {
    Files.delete(base.resolve("root.json"));
    String message = refused(properties("https://a.example", null, null, null, null, null));
    assertEquals(
        "alize.consumer.repositories.eole.trusted-root: no such file " + base.resolve("root.json"),
        message);
  }

  @Test
  void unknownChannel_isRefused() {
    assertEquals(
        "alize.consumer.repositories.eole.channel: 'beta' is not testing, staged or stable",
        refused(properties("https://a.example", null, "beta", null, null, null)));
  }

  @Test
  void channelsAndAutoApproval_areRead() {
    Subscription s = one(properties("https://a.example", null, "Testing", "major", "30s", null));
    assertEquals(Channel.TESTING, s.channel());
    assertEquals(Bump.MAJOR, s.autoApprove());
    assertEquals(Duration.ofSeconds(30), s.pollInterval());
  }

  @Test
  void unknownAutoApproval_isRefused() {
    assertEquals(
        "alize.consumer.repositories.eole.auto-approve: 'all' is not patch, minor or major",
        refused(properties("https://a.example", null, null, "all", null, null)));
  }

  @Test
  void badPeriod_isRefused() {
    assertTrue(
        refused(properties("https://a.example", null, null, null, "often", null))
            .equals(
                "alize.consumer.repositories.eole.poll-interval: 'often' is not a period: write 365d,"
                    + " 12h, 15m, 45s or ISO-8601 such as P7D"));
  }

  @Test
  void periodOfZeroOrLess_isRefused() {
    for (String interval : List.of("0s", "-5m", "PT-1H")) {
      assertEquals(
          "alize.consumer.repositories.eole.poll-interval: write a period longer than zero: 365d,"
              + " 12h, 15m, 45s or ISO-8601 such as P7D",
          refused(properties("https://a.example", null, null, null, interval, null)));
    }
  }

  @Test
  void unreachableWarning_isThreeDaysByDefault_andLongerThanZero() {
    Map<String, Object> p = properties("https://a.example", null, null, null, null, null);
    assertEquals(Duration.ofDays(3), one(p).unreachableWarning());
    assertEquals(
        Duration.ofHours(12), one(with(p, "unreachable-warning", "12h")).unreachableWarning());
    assertEquals(
        "alize.consumer.repositories.eole.unreachable-warning: write a period longer than zero:"
            + " 365d, 12h, 15m, 45s or ISO-8601 such as P7D",
        refused(with(p, "unreachable-warning", "0s")));
  }

  @Test
  void noRepository_saysWhatToAdd() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> Subscriptions.from(List.of(), base));
    assertTrue(e.getMessage().contains("alize.consumer.repositories.NAME.url"), e.getMessage());
  }

  // rollout and reports

  private static Map<String, Object> with(Map<String, Object> p, String key, Object value) {
    Map<String, Object> more = new HashMap<>(p);
    more.put("alize.consumer.repositories.eole." + key, value);
    return more;
  }

  private static Map<String, Object> https() {
    return properties("https://models.example", null, null, null, null, null);
  }

  @Test
  void rolloutAndReports_defaultToPhasedAndOff() {
    Subscription s = one(https());

    assertEquals(RolloutMode.PHASED, s.rollout());
    assertNull(s.reportUrl());
    assertNull(Subscriptions.siteLabel(null, List.of(s)));
  }

  @Test
  void reports_goToTheRepositoryUnlessAnotherUrlIsGiven() {
    assertEquals(
        URI.create("https://models.example"), one(with(https(), "reports", true)).reportUrl());
    assertEquals(
        URI.create("https://fleet.example/alize"),
        one(with(with(https(), "reports", true), "report-url", "https://fleet.example/alize"))
            .reportUrl());
    assertEquals(RolloutMode.LATE, one(with(https(), "rollout", "late")).rollout());
  }

  @Test
  void aReportUrlWithoutReports_orOverPlainHttp_isRefusedNamingTheKey() {
    assertEquals(
        "alize.consumer.repositories.eole.report-url is set, but reports is not: set reports:"
            + " true to send reports",
        refused(with(https(), "report-url", "https://fleet.example")));
    assertTrue(
        refused(with(with(https(), "reports", true), "report-url", "http://fleet.example"))
            .startsWith(
                "alize.consumer.repositories.eole.report-url: 'http://fleet.example' is"
                    + " plain HTTP"));
  }

  @Test
  void reports_needAOneLineSiteLabel() {
    List<Subscription> reporting = List.of(one(with(https(), "reports", true)));

    ConfigurationException missing =
        assertThrows(ConfigurationException.class, () -> Subscriptions.siteLabel(null, reporting));
    assertEquals(
        "alize.consumer.site-label: required, since eole has reports: true; name this site as its"
            + " publisher should know it",
        missing.getMessage());
    ConfigurationException twoLines =
        assertThrows(
            ConfigurationException.class, () -> Subscriptions.siteLabel("a\nb", reporting));
    assertEquals(
        "'alize.consumer.site-label' must be one line, without tabs", twoLines.getMessage());
    assertEquals("lycée A", Subscriptions.siteLabel("lycée A", reporting));
  }
}
