package dev.alize.consumer.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.testing.Browser;
import dev.alize.consumer.http.ApiFixture;
import dev.alize.consumer.importer.HeldReleases;
import dev.alize.consumer.store.HeldRelease;
import dev.alize.consumer.store.ImportRun;
import dev.alize.consumer.store.InstalledDatasource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The history and held releases pages in a real browser, against serve's real server over eole
 * 1.0.0 then 1.1.0: each test on a fresh database.
 */
class ConsoleHistoryBrowserTest {

  @TempDir Path temp;
  @TempDir Path profile;

  private ApiFixture api;
  private Browser browser;

  @BeforeEach
  void start() throws Exception {
    api = ApiFixture.start(temp.resolve("site"));
    browser = Browser.open("http://127.0.0.1:" + api.server.port(), profile);
    browser.go("/console/sign-in").type("#token", api.aliceToken).click("#sign-in");
  }

  @AfterEach
  void stop() {
    try {
      browser.close();
    } finally {
      api.close();
    }
  }

  private InstalledDatasource eole() {
    return api.admin.datasources().stream()
        .filter(d -> d.name().equals("eole"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void anAdminRollsBackAfterAConfirmation_andSeesThePinAndHowToLiftIt() {
    browser.go("/console/history");
    assertTrue(browser.text("#run-table").contains("1.0.0 → 1.1.0"), browser.pageText());

    browser.click("#rollback-eole");
    assertEquals("/console/datasources/eole/rollback", browser.path());
    assertTrue(
        browser.text("#rollback-summary").startsWith("eole goes back from 1.1.0 to 1.0.0"),
        browser.pageText());
    assertTrue(browser.text("#rollback-pin").contains("pinned below 1.1.0"), browser.pageText());
    assertEquals("1.1.0", eole().version(), "nothing happens before the confirmation");

    browser.click("#confirm-rollback");

    assertEquals("/console/history?datasource=eole&done=rolled-back", browser.path());
    assertEquals("1.0.0", eole().version());
    assertEquals("1.1.0", eole().pinnedBelow());
    ImportRun newest = api.admin.imports("eole", 1).get(0);
    assertEquals("rollback", newest.kind());
    assertTrue(browser.text("#note").startsWith("Rolled back"), browser.pageText());
    assertTrue(browser.text("#run-" + newest.id()).contains("1.1.0 → 1.0.0"), browser.pageText());
    String pin = browser.text("#datasource-eole");
    assertTrue(pin.contains("Pinned below 1.1.0"), pin);
    assertTrue(pin.contains("A newer release lifts the pin, and so does approving"), pin);
    assertTrue(pin.contains("no earlier release to restore"), pin);
    browser.screenshot("console-history");
  }

  @Test
  void theHistoryIsFilteredByDatasource() {
    browser.go("/console/history");
    new Select(browser.find("#datasource")).selectByValue("eole");
    browser.click("#filter");

    assertEquals("/console/history?datasource=eole&limit=50", browser.path());
    List<String> kinds =
        browser.all("#run-table tbody tr th").stream().map(WebElement::getText).toList();
    assertEquals(List.of("import", "import"), kinds);
    assertEquals(
        "eole", new Select(browser.find("#datasource")).getFirstSelectedOption().getText());
  }

  @Test
  void anAdminApprovesAHeldRelease_thenWithdrawsTheApproval() {
    api.context
        .getBean(HeldReleases.class)
        .record(
            ApiFixture.REPOSITORY,
            List.of("eole"),
            List.of(
                new HeldRelease(
                    "eole",
                    "2.0.0",
                    ApiFixture.REPOSITORY,
                    "1.1.0",
                    "MAJOR release 2.0.0 needs an admin's approval (auto-approve: minor)",
                    ApiFixture.NOW)));

    browser.go("/console/held");
    assertTrue(browser.text("#held-eole-2\\.0\\.0").contains("waiting"), browser.pageText());
    browser.click("#held-eole-2\\.0\\.0 a");

    assertEquals("/console/held/eole/2.0.0", browser.path());
    assertTrue(browser.text("#held-reason").startsWith("MAJOR release 2.0.0"));
    // This site's repository cannot be reached: the page says so, and approving still works.
    assertTrue(
        browser.text("#preview-error").startsWith("The preview could not be made: "),
        browser.pageText());

    browser.click("#approve");
    assertEquals("/console/held/eole/2.0.0?done=approved", browser.path());
    assertTrue(api.importer.approvals().contains("eole 2.0.0"));
    assertEquals(
        "alice",
        api.admin.approvals().stream()
            .filter(a -> a.release().equals("eole 2.0.0"))
            .findFirst()
            .orElseThrow()
            .approvedBy());
    assertTrue(browser.text("#approval").startsWith("approved by alice"), browser.pageText());
    assertTrue(browser.text("#note").startsWith("Approved"), browser.pageText());

    browser.click("#withdraw");
    assertEquals("/console/held/eole/2.0.0?done=withdrawn", browser.path());
    assertTrue(api.admin.approvals().isEmpty());
    assertEquals("none yet", browser.text("#approval"));
    assertNull(eole().pinnedBelow());
  }
}
