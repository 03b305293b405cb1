package dev.alize.consumer.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.conflict.ChildOverride;
import dev.alize.common.testing.Browser;
import dev.alize.consumer.http.ApiFixture;
import dev.alize.consumer.store.StoredConflict;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;

/**
 * Settling conflicts in a real browser, against serve's real server: by each action of a conflict's
 * page, and several at once from the list; each time the row in the database changes as the page
 * says.
 */
class ConsoleConflictsBrowserTest {

  @TempDir static Path temp;
  @TempDir Path profile;

  private static ApiFixture api;
  private Browser browser;

  @BeforeAll
  static void start() throws Exception {
    api =
        ConflictSite.start(
            temp,
            List.of("amon-keep", "amon-upstream", "amon-value", "amon-resolve"),
            List.of("amon-removed", "amon-listed"),
            List.of("amon-old-a", "amon-old-b"));
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @BeforeEach
  void signIn() {
    browser = Browser.open("http://127.0.0.1:" + api.server.port(), profile);
    browser.go("/console/sign-in").type("#token", api.aliceToken).click("#sign-in");
    assertEquals("/console", browser.path());
  }

  @AfterEach
  void closeBrowser() {
    browser.close();
  }

  private StoredConflict changedDefault(String child) {
    return ConflictSite.conflict(api, child, "default-changed");
  }

  private Optional<ChildOverride> override(String child, String variable) {
    return api.admin.child(child).child().findOverride(variable);
  }

  @Test
  void theListIsFilteredBySeverityStatusDatasourceAndChild() {
    browser.go("/console/conflicts");
    assertTrue(browser.text("#conflict-table").contains("amon-keep"), browser.pageText());
    assertTrue(browser.text("#conflict-table").contains("end-of-support"), browser.pageText());
    browser.screenshot("console-conflicts");

    new Select(browser.find("#severity")).selectByValue("warning");
    new Select(browser.find("#datasource")).selectByValue("eole");
    browser.click("#apply-filter");

    assertEquals(
        "/console/conflicts?severity=warning&status=open&datasource=eole&child=", browser.path());
    String table = browser.text("#conflict-table");
    assertTrue(table.contains("default-changed"), table);
    assertFalse(table.contains("end-of-support"), table);
    assertFalse(table.contains("variable-removed"), table);

    new Select(browser.find("#child")).selectByValue("amon-listed");
    new Select(browser.find("#severity")).selectByValue("");
    browser.click("#apply-filter");
    assertEquals(1, browser.all("#conflict-table tbody tr").size(), browser.pageText());
    assertTrue(browser.text("#conflict-table").contains("variable-removed"));

    new Select(browser.find("#status")).selectByValue("resolved");
    browser.click("#apply-filter");
    assertEquals(0, browser.all("#conflict-table tbody tr").size(), browser.pageText());
    assertEquals("No conflict matches the filter.", browser.text("#no-conflict"));
  }

  @Test
  void keepMyOverrideAcknowledgesTheConflict() {
    StoredConflict conflict = changedDefault("amon-keep");
    browser.go("/console/conflicts/" + conflict.id());

    assertEquals("4000", browser.text("#old-upstream .value"));
    assertEquals("8000", browser.text("#new-upstream .value"));
    assertEquals("6000", browser.text("#override .value"));
    assertTrue(browser.text("#reason").contains("from 4000 to 8000"), browser.text("#reason"));
    browser.screenshot("console-conflict");

    browser.type("#comment", "6000 is what the disk takes").click("#acknowledge");

    assertEquals("/console/conflicts/" + conflict.id() + "?done=acknowledged", browser.path());
    assertEquals("acknowledged", browser.text("#status"));
    StoredConflict stored = api.admin.conflict(conflict.id());
    assertEquals("acknowledged", stored.status());
    assertEquals("alice", stored.statusChangedBy());
    assertEquals("6000 is what the disk takes", stored.comment());
    assertEquals("6000", override("amon-keep", "proxy_cache_mb").orElseThrow().valueText());
  }

  @Test
  void takeUpstreamRemovesTheOverrideAndResolvesTheConflict() {
    StoredConflict conflict = changedDefault("amon-upstream");
    browser.go("/console/conflicts/" + conflict.id()).click("#take-upstream");

    assertEquals("/console/conflicts/" + conflict.id() + "?done=upstream", browser.path());
    assertTrue(browser.text("#note").contains("upstream's value applies"), browser.pageText());
    assertEquals("resolved", browser.text("#status"));
    StoredConflict stored = api.admin.conflict(conflict.id());
    assertEquals("resolved", stored.status());
    assertEquals("alice", stored.statusChangedBy());
    assertNull(stored.comment());
    assertTrue(override("amon-upstream", "proxy_cache_mb").isEmpty());
    assertEquals("alice", api.admin.child("amon-upstream").updatedBy());
  }

  @Test
  void takeUpstreamOfARemovedVariableDropsTheOverride() {
    StoredConflict conflict = ConflictSite.conflict(api, "amon-removed", "variable-removed");
    browser.go("/console/conflicts/" + conflict.id());
    assertTrue(browser.all("#value").isEmpty(), "no value to set for a variable that is gone");
    assertEquals("8081", browser.text("#override .value"));

    browser.type("#comment", "E2guardian is gone").click("#take-upstream");

    StoredConflict stored = api.admin.conflict(conflict.id());
    assertEquals("resolved", stored.status());
    assertEquals("E2guardian is gone", stored.comment());
    assertTrue(override("amon-removed", "filter_port").isEmpty());
  }

  @Test
  void setAnotherValueIsCheckedBesideItsFieldThenSetsTheOverride() {
    StoredConflict conflict = changedDefault("amon-value");
    ApiFixture.Snapshot before = api.snapshot();
    browser.go("/console/conflicts/" + conflict.id());

    browser.type("#value", "999999").click("#set-value");

    assertTrue(browser.text("#value-error").startsWith("set.proxy_cache_mb: "), browser.pageText());
    assertTrue(browser.text("#form-error").contains("nothing was changed"), browser.pageText());
    assertEquals("999999", browser.find("#value").getAttribute("value"));
    assertEquals(before, api.snapshot());

    browser.type("#value", "7000").type("#comment", "a bigger disk").click("#set-value");

    assertEquals("/console/conflicts/" + conflict.id() + "?done=value", browser.path());
    StoredConflict stored = api.admin.conflict(conflict.id());
    assertEquals("resolved", stored.status());
    assertEquals("a bigger disk", stored.comment());
    assertEquals("7000", override("amon-value", "proxy_cache_mb").orElseThrow().valueText());
  }

  @Test
  void resolveWithACommentKeepsTheOverride() {
    StoredConflict conflict = changedDefault("amon-resolve");
    browser.go("/console/conflicts/" + conflict.id());

    browser.type("#comment", "still right").click("#resolve");

    assertEquals("/console/conflicts/" + conflict.id() + "?done=resolved", browser.path());
    assertEquals("still right", browser.text("#comment-text"));
    assertTrue(browser.all("#settle-form").isEmpty(), "a resolved conflict has no actions");
    StoredConflict stored = api.admin.conflict(conflict.id());
    assertEquals("resolved", stored.status());
    assertEquals("alice", stored.statusChangedBy());
    assertEquals("still right", stored.comment());
    assertEquals("6000", override("amon-resolve", "proxy_cache_mb").orElseThrow().valueText());
  }

  @Test
  void severalConflictsAreAcknowledgedAtOnce() {
    long a = ConflictSite.conflict(api, "amon-old-a", "end-of-support").id();
    long b = ConflictSite.conflict(api, "amon-old-b", "end-of-support").id();
    browser.go("/console/conflicts?severity=information");

    browser.find("#select-" + a).click();
    browser.find("#select-" + b).click();
    browser.type("#bulk-comment", "moving to 2.9.0 in June").click("#acknowledge-selected");

    assertEquals("/console/conflicts?done=selected", browser.path());
    assertEquals("The selected conflicts are acknowledged.", browser.text("#note"));
    for (long id : new long[] {a, b}) {
      StoredConflict stored = api.admin.conflict(id);
      assertEquals("acknowledged", stored.status());
      assertEquals("alice", stored.statusChangedBy());
      assertEquals("moving to 2.9.0 in June", stored.comment());
      assertTrue(browser.all("#conflict-" + id).isEmpty(), "no longer listed as open");
    }
  }
}
