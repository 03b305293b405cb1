package dev.alize.publisher.fleetpage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alize.common.testing.Browser;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

/** The fleet page in a real browser, against serve's real HTTPS server and a real fleet. */
class FleetPageBrowserTest {

  @TempDir static Path temp;
  @TempDir Path profile;

  private static FleetFixture fleet;
  private Browser browser;

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
  void openBrowser() {
    browser = Browser.open(fleet.base(), profile, fleet.api.certificate);
  }

  @AfterEach
  void closeBrowser() {
    browser.close();
  }

  private void signIn(String token) {
    browser.go("/fleet/sign-in").type("#token", token).click("#sign-in");
  }

  @Test
  void aMaintainerSignsIn_seesTheFleet_andSignsOut() {
    browser.go("/fleet");
    assertEquals("/fleet/sign-in", browser.path());

    signIn(fleet.api.eoleToken);

    assertEquals("/fleet", browser.path());
    assertEquals("eole-ci", browser.text(".who strong"));
    Cookie cookie = browser.driver().manage().getCookieNamed(FleetSessions.COOKIE);
    assertTrue(cookie.isHttpOnly());
    assertTrue(cookie.isSecure());
    assertEquals("Strict", cookie.getSameSite());
    assertEquals("/fleet", cookie.getPath());
    String halts = browser.text("#halt-list");
    assertTrue(halts.contains("eole 2.0.0"), halts);
    assertTrue(halts.contains(FleetFixture.HALT_REASON), halts);
    assertEquals("1", browser.text("[data-failure='eole 2.0.0 download'] .count"));
    assertEquals("2", browser.text("[data-conflict='eole parent-withdrawn blocking'] .count"));
    browser.screenshot("fleet");

    browser.click("#sign-out");
    assertEquals("/fleet/sign-in?signed-out=true", browser.path());
    assertNull(browser.driver().manage().getCookieNamed(FleetSessions.COOKIE));
    browser.go("/fleet");
    assertEquals("/fleet/sign-in", browser.path());
  }

  @Test
  void theFleetPagesChartAndTables_matchStatsJson() {
    JsonNode stats = fleet.statsJson();
    signIn(fleet.api.eoleToken);

    Map<String, Long> lastRow = new HashMap<>();
    List<WebElement> rows = browser.all("[data-chart='eole'] table.adoption tbody tr");
    WebElement last = rows.get(rows.size() - 1);
    for (WebElement cell : last.findElements(By.cssSelector("td"))) {
      String text = cell.getDomProperty("textContent").strip();
      lastRow.put(cell.getDomAttribute("data-version"), Long.parseLong(text.split(" ")[0]));
    }
    assertEquals(2, stats.get("releases").size(), stats::toString);
    for (JsonNode r : stats.get("releases")) {
      String row = "[data-release='eole " + r.get("version").asText() + "'] ";
      assertEquals(r.get("sites_reporting").asText(), browser.text(row + ".reporting"));
      assertEquals(r.get("installed").asText(), browser.text(row + ".installed"));
      assertEquals(r.get("waiting").asText(), browser.text(row + ".waiting"));
      assertEquals(r.get("held").asText(), browser.text(row + ".held"));
      long failed = 0;
      for (JsonNode n : r.get("failed")) {
        failed += n.asLong();
      }
      assertEquals(Long.toString(failed), browser.text(row + ".failed"));
      r.get("failed")
          .properties()
          .forEach(
              f ->
                  assertEquals(
                      f.getValue().asText(),
                      browser.text(
                          "[data-failure='eole "
                              + r.get("version").asText()
                              + " "
                              + f.getKey()
                              + "'] .count")));
      // The chart's last time is now: each version's sites are those that run it.
      assertEquals(r.get("installed").asLong(), lastRow.get(r.get("version").asText()));
    }
    // Conflicts across the fleet: each kind's sum over the releases.
    Map<String, Long> conflicts = new HashMap<>();
    for (JsonNode r : stats.get("releases")) {
      for (JsonNode c : r.get("conflicts")) {
        conflicts.merge(
            c.get("kind").asText() + " " + c.get("severity").asText(),
            c.get("count").asLong(),
            Long::sum);
      }
    }
    assertFalse(conflicts.isEmpty());
    conflicts.forEach(
        (k, n) ->
            assertEquals(n.toString(), browser.text("[data-conflict='eole " + k + "'] .count")));
    String svg = browser.find("[data-chart='eole'] svg title").getDomProperty("textContent");
    assertTrue(
        svg.contains("Share of the " + stats.at("/releases/0/sites_reporting").asText()), svg);
  }

  @Test
  void aReleasesPage_showsItsRecordAndFigures() {
    signIn(fleet.api.eoleToken);
    browser.go("/fleet");
    browser.click("[data-release='eole 2.0.0'] a");

    assertEquals("/fleet/eole/2.0.0", browser.path());
    assertTrue(browser.text("#plan").startsWith("20 % from "), browser.text("#plan"));
    assertTrue(browser.text("#halt").contains(FleetFixture.HALT_REASON), browser.text("#halt"));
    String history = browser.text("#history-table");
    assertTrue(history.contains("token eole-ci"), history);
    assertTrue(history.contains("halt"), history);
    assertEquals("1", browser.text("[data-failure='download'] .count"));
    browser.screenshot("fleet-release");
  }

  @Test
  void aSitesPage_showsWhatItRunsAndItsConflicts() {
    signIn(fleet.api.eoleToken);
    browser.go("/fleet/sites");
    assertTrue(browser.text("#stale-table").contains("Médiathèque"), browser.pageText());
    assertTrue(browser.text("#site-table").contains(FleetFixture.HOSTILE_LABEL));
    assertTrue(browser.all("img").isEmpty(), "a label's markup became an element");

    browser.click("[data-site='" + fleet.pilot.id + "'] a");

    assertEquals("/fleet/sites/" + fleet.pilot.id, browser.path());
    assertEquals("Lycée Victor Hugo", browser.text("h1"));
    assertEquals("2.0.0", browser.text("[data-datasource='eole'] .installed"));
    assertEquals("2", browser.text("[data-conflict='parent-withdrawn blocking'] .count"));
    browser.go("/fleet/sites/" + fleet.failing.id);
    assertEquals("download", browser.text("[data-datasource='eole'] .error-class"));
  }

  @Test
  void aTokenOfAnotherDatasource_seesNothingOfIt() {
    signIn(fleet.api.acmeToken);

    assertEquals("/fleet", browser.path());
    assertFalse(browser.pageText().contains("eole"), browser.pageText());
    browser.go("/fleet/eole");
    assertTrue(browser.text("h1").startsWith("403"), browser.pageText());
    browser.go("/fleet/eole/2.0.0");
    assertTrue(browser.text("h1").startsWith("403"), browser.pageText());
    browser.go("/fleet/sites");
    assertFalse(browser.pageText().contains("Lycée Victor Hugo"), browser.pageText());
    browser.go("/fleet/sites/" + fleet.pilot.id);
    assertTrue(browser.text("h1").startsWith("404"), browser.pageText());
  }
}
