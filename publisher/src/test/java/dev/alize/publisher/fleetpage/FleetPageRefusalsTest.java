package dev.alize.publisher.fleetpage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet page over plain HTTPS against hostile requests: each is refused with its status and a
 * page in the fleet page's words, and what the fleet's sites and maintainers wrote is shown
 * escaped.
 */
class FleetPageRefusalsTest {

  @TempDir static Path temp;

  private static FleetFixture fleet;
  private FleetClient client;

  @BeforeAll
  static void start() throws Exception {
    fleet = new FleetFixture(temp.resolve("fleet"));
  }

  @AfterAll
  static void stop() {
    if (fleet != null) {
      fleet.close();
    }
  }

  @BeforeEach
  void signIn() throws Exception {
    client = new FleetClient(fleet.api);
    assertEquals(303, client.signIn(fleet.api.eoleToken).statusCode());
  }

  private static void refused(HttpResponse<String> page, int status, String words) {
    assertEquals(status, page.statusCode(), page::body);
    assertTrue(
        page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
        page.headers()::toString);
    assertTrue(page.body().contains(words), page::body);
  }

  @Test
  void signingIn_givesAStrictHttpOnlySecureCookieOfTheFleetPageOnly() throws Exception {
    HttpResponse<String> answer = new FleetClient(fleet.api).signIn(fleet.api.eoleToken);

    assertEquals("/fleet", answer.headers().firstValue("Location").orElseThrow());
    String cookie =
        answer.headers().firstValue("Set-Cookie").orElseThrow().toLowerCase(Locale.ROOT);
    assertTrue(cookie.contains("; path=/fleet;"), cookie);
    assertTrue(cookie.contains("; httponly"), cookie);
    assertTrue(cookie.contains("; secure"), cookie);
    assertTrue(cookie.contains("; samesite=strict"), cookie);
    assertFalse(cookie.contains(fleet.api.eoleToken.toLowerCase(Locale.ROOT)), cookie);
  }

  @Test
  void aWrongToken_isRefusedAndGivesNoCookie() throws Exception {
    FleetClient stranger = new FleetClient(fleet.api);
    refused(stranger.signIn("not-a-token"), 403, "That is not a maintainer&#39;s token.");
    assertEquals(null, stranger.cookie());
  }

  @Test
  void withoutASession_everyPageLeadsToSignIn() throws Exception {
    FleetClient anonymous = new FleetClient(fleet.api);
    for (String path : List.of("/fleet", "/fleet/eole", "/fleet/eole/2.0.0", "/fleet/sites")) {
      HttpResponse<String> answer = anonymous.get(path);
      assertEquals(303, answer.statusCode(), path);
      assertEquals("/fleet/sign-in", answer.headers().firstValue("Location").orElseThrow());
    }
  }

  @Test
  void theSessionCookie_opensNothingOfTheApi() throws Exception {
    HttpResponse<String> stats = client.get("/api/v1/stats/eole");
    assertEquals(401, stats.statusCode(), stats::body);
  }

  @Test
  void pages_forbidScriptsFramesAndCaches() throws Exception {
    HttpResponse<String> page = client.get("/fleet");
    assertEquals(200, page.statusCode(), page::body);
    assertEquals(
        FleetResponseFilter.POLICY,
        page.headers().firstValue("Content-Security-Policy").orElseThrow());
    assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElseThrow());
    assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow());
    assertFalse(page.body().contains("<script"), "a page has a script");
    for (String sheet : List.of("/fleet/assets/alize.css", "/fleet/assets/fleet.css")) {
      HttpResponse<String> css = new FleetClient(fleet.api).get(sheet);
      assertEquals(200, css.statusCode(), sheet);
      assertTrue(css.headers().firstValue("Content-Type").orElseThrow().startsWith("text/css"));
    }
  }

  @Test
  void anUnknownDatasource_isForbidden_asAnotherOnesIs() throws Exception {
    refused(client.get("/fleet/nope"), 403, "may not read the statistics of datasource nope");
    refused(client.get("/fleet/acme-monitoring"), 403, "may not read");
    refused(client.get("/fleet/nope/1.0.0"), 403, "may not read");
  }

  @Test
  void anUnknownRelease_isNotFound() throws Exception {
    refused(client.get("/fleet/eole/9.9.9"), 404, "eole 9.9.9 is neither served");
  }

  @Test
  void anUnknownSite_isNotFound() throws Exception {
    refused(client.get("/fleet/sites/nobody"), 404, "no site with that identity or label");
    refused(client.get("/fleet/sites/" + "a".repeat(2000)), 404, "no site has an identity");
  }

  @Test
  void badNamesAndVersions_are400() throws Exception {
    refused(client.get("/fleet/EOLE"), 400, "");
    refused(client.get("/fleet/eole/1.x"), 400, "is not a version");
  }

  @Test
  void dotDotInPaths_neverLeavesTheFleetPage() throws Exception {
    for (String target :
        List.of(
            "/fleet/../api/v1/stats",
            "/fleet/%2e%2e/api/v1/stats",
            "/fleet/eole/..",
            "/fleet/eole/%2e%2e",
            "/fleet/sites/..%2F..%2Fapi%2Fv1%2Fstats",
            "/fleet/sites/../../metadata/1.root.json")) {
      String raw = client.raw(target);
      int status = FleetClient.status(raw);
      assertTrue(status == 400 || status == 403 || status == 404, target + ": " + raw);
      assertFalse(raw.contains("\"releases\""), target + ": " + raw);
      assertFalse(raw.contains("\"signed\""), target + ": " + raw);
    }
  }

  @Test
  void aBadOrHugeStalePeriod_is400() throws Exception {
    for (String stale : List.of("-1d", "garbage", "999999999999d", "P-1D", "1".repeat(3000))) {
      HttpResponse<String> page = client.get("/fleet/sites?stale=" + stale);
      assertTrue(
          page.statusCode() == 400 || page.statusCode() == 414, stale + ": " + page.statusCode());
      assertFalse(page.body().contains("Exception"), page::body);
    }
    refused(client.get("/fleet/sites?stale=-1d"), 400, "stale= must be a period");
    HttpResponse<String> week = client.get("/fleet/sites?stale=7d");
    assertEquals(200, week.statusCode(), week::body);
    assertTrue(week.body().contains("Not seen for 7d"), week::body);
  }

  @Test
  void htmlInALabelOrAHaltReason_isShownEscaped() throws Exception {
    String fleetPage = client.get("/fleet").body();
    assertTrue(
        fleetPage.contains("&lt;b&gt;imports&lt;/b&gt; fail on &quot;amon&quot; &amp;"), fleetPage);
    assertFalse(fleetPage.contains("<b>imports</b>"), fleetPage);
    assertFalse(fleetPage.contains("<script>alert(1)</script>"), fleetPage);
    String release = client.get("/fleet/eole/2.0.0").body();
    assertTrue(release.contains("&lt;b&gt;imports&lt;/b&gt;"), release);
    assertFalse(release.contains("<script>alert(1)</script>"), release);
    String sites = client.get("/fleet/sites").body();
    assertTrue(sites.contains("&lt;img src=x onerror=alert(1)&gt; École"), sites);
    assertFalse(sites.contains("<img"), sites);
    String site = client.get("/fleet/sites/" + fleet.hostile.id).body();
    assertTrue(site.contains("&lt;img src=x onerror=alert(1)&gt;"), site);
    assertFalse(site.contains("<img"), site);
  }

  @Test
  void aSiteIsFoundByItsLabelToo() throws Exception {
    HttpResponse<String> page = client.get("/fleet/sites/" + "Coll%C3%A8ge%20Jean%20Moulin");
    assertEquals(200, page.statusCode(), page::body);
    assertTrue(page.body().contains(fleet.early.id), page::body);
  }

  @Test
  void signingOutWithoutTheFormToken_isRefused_andTheSessionGoesOn() throws Exception {
    refused(client.post("/fleet/sign-out", Map.of()), 403, "no valid anti-forgery token");
    refused(client.post("/fleet/sign-out", Map.of("csrf", "forged")), 403, "anti-forgery");
    assertEquals(200, client.get("/fleet").statusCode());

    HttpResponse<String> out =
        client.post("/fleet/sign-out", Map.of("csrf", client.formToken("/fleet")));
    assertEquals(303, out.statusCode(), out::body);
    assertEquals(303, client.get("/fleet").statusCode());
  }
}
