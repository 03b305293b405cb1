package dev.alize.consumer.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.conflict.ChildOverride;
import dev.alize.common.testing.Browser;
import dev.alize.consumer.http.ApiFixture;
import dev.alize.consumer.store.StoredChild;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;

/** Child models and upstream models in a real browser, against serve's real server. */
class ConsoleChildrenBrowserTest {

  @TempDir static Path temp;
  @TempDir Path profile;

  private static ApiFixture api;
  private Browser browser;

  @BeforeAll
  static void start() throws Exception {
    api = ApiFixture.start(temp.resolve("site"));
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @BeforeEach
  void openBrowser() {
    browser = Browser.open("http://127.0.0.1:" + api.server.port(), profile);
    browser.go("/console/sign-in").type("#token", api.aliceToken).click("#sign-in");
  }

  @AfterEach
  void closeBrowser() {
    browser.close();
  }

  private void choose(String css, String value) {
    new Select(browser.find(css)).selectByValue(value);
  }

  private static Map<String, String> overrides(StoredChild child) {
    Map<String, String> out = new TreeMap<>();
    for (ChildOverride o : child.child().overrides()) {
      out.put(o.variable(), o.valueText());
    }
    return out;
  }

  @Test
  void aChildIsCreatedFromAModelChosenByDatasourceReleaseAndModel() {
    browser.go("/console/children").click("#new-child");
    // One datasource: it is chosen already.
    choose("#release", "2.8.1");
    browser.click("#next");
    choose("#model", "amon");
    browser.click("#next");

    assertEquals("eole/2.8.1/amon", browser.text("#parent"));
    browser.type("#name", "amon-dijon");
    browser.type("#var-proxy_port", "8080");
    choose("#var-proxy_mode", "explicit");
    choose("#var-proxy_ntlm_auth", "true");
    browser.type("#var-dns_local_zones", "dijon.lan\nacad.lan");
    browser.type("#var-establishment_name", "Lycée \"Carnot\", Dijon");
    browser.find("#add-eole-vpn").click();
    browser.type("#description", "Dijon's gateway");
    browser.screenshot("console-child-new");
    browser.click("#create");

    assertEquals("/console/children/amon-dijon?done=created", browser.path());
    assertEquals("The child model was created.", browser.text("#note"));
    StoredChild stored = api.admin.child("amon-dijon");
    assertEquals(
        Map.of(
            "dns_local_zones", "[dijon.lan, acad.lan]",
            "establishment_name", "\"Lycée \\\"Carnot\\\", Dijon\"",
            "proxy_mode", "explicit",
            "proxy_ntlm_auth", "true",
            "proxy_port", "8080"),
        overrides(stored));
    assertEquals(List.of("eole-vpn"), stored.child().addedServices());
    assertEquals("Dijon's gateway", stored.description());
    assertEquals("alice", stored.updatedBy());
    // The page shows the values as they were written, and the variables of the added service.
    assertEquals(
        "Lycée \"Carnot\", Dijon", browser.find("#var-establishment_name").getDomProperty("value"));
    assertEquals(
        "dijon.lan\nacad.lan", browser.find("#var-dns_local_zones").getDomProperty("value"));
    assertTrue(browser.find("#add-eole-vpn").isSelected());
    assertTrue(browser.text("#service-eole-vpn").contains("added by this child"));
    browser.screenshot("console-child");

    browser.go("/console/children");
    assertTrue(browser.text("#child-amon-dijon").contains("eole/2.8.1/amon"), browser.pageText());
    browser.screenshot("console-children");
    api.admin.deleteChild("amon-dijon");
  }

  @Test
  void creatingWithABadValue_showsItBesideTheFieldAndSavesNothing() {
    ApiFixture.Snapshot before = api.snapshot();
    browser.go("/console/children/new?datasource=eole&release=2.8.1&model=amon");
    browser.type("#name", "amon-bad");
    browser.type("#var-dhcp_gateway", "10.10.0.300");
    browser.type("#var-proxy_port", "8080");
    browser.click("#create");

    assertEquals("/console/children", browser.path());
    assertTrue(browser.text("#form-error").contains("child model 'amon-bad' is not valid"));
    assertTrue(
        browser.text("#var-dhcp_gateway-error").contains("10.10.0.300"),
        browser.text("#var-dhcp_gateway-error"));
    assertTrue(browser.text("#problems").contains("set.dhcp_gateway: "), browser.text("#problems"));
    // What was written stays in the form, to be corrected.
    assertEquals("amon-bad", browser.find("#name").getDomProperty("value"));
    assertEquals("8080", browser.find("#var-proxy_port").getDomProperty("value"));
    assertEquals(before, api.snapshot());
  }

  @Test
  void editingWithABadValueIsRefused_thenAnEmptyInputInherits() {
    api.createChild("edit-me");
    ApiFixture.Snapshot before = api.snapshot();
    browser.go("/console/children/edit-me");
    assertEquals("8080", browser.find("#var-proxy_port").getDomProperty("value"));

    browser.type("#var-proxy_bypass", "10.0.0.0/8\n10.0.0.0/33");
    browser.find("#var-proxy_port").clear();
    browser.click("#save");

    assertEquals("/console/children/edit-me", browser.path());
    assertTrue(
        browser.text("#var-proxy_bypass-error").contains("10.0.0.0/33"),
        browser.text("#var-proxy_bypass-error"));
    assertEquals(before, api.snapshot());

    browser.type("#var-proxy_bypass", "10.0.0.0/8\n172.16.0.0/12");
    choose("#var-proxy_ntlm_auth", "false");
    browser.find("#remove-eole-dhcp").click();
    browser.click("#save");

    assertEquals("/console/children/edit-me?done=saved", browser.path());
    assertEquals("Saved.", browser.text("#note"));
    StoredChild stored = api.admin.child("edit-me");
    assertEquals(
        Map.of("proxy_bypass", "[10.0.0.0/8, 172.16.0.0/12]", "proxy_ntlm_auth", "false"),
        overrides(stored));
    assertEquals(List.of("eole-dhcp"), stored.child().removedServices());
    assertEquals("alice", stored.updatedBy());

    // Inherit again: the select's empty choice drops the override.
    choose("#var-proxy_ntlm_auth", "");
    browser.click("#save");
    assertEquals(
        Map.of("proxy_bypass", "[10.0.0.0/8, 172.16.0.0/12]"),
        overrides(api.admin.child("edit-me")));
    api.admin.deleteChild("edit-me");
  }

  @Test
  void aChildIsDeletedAfterAConfirmation() {
    api.createChild("to-delete");
    browser.go("/console/children/to-delete").click("#delete");

    assertEquals("/console/children/to-delete/delete", browser.path());
    assertTrue(browser.pageText().contains("Delete child model to-delete?"), browser.pageText());
    browser.click("#cancel");
    assertEquals("/console/children/to-delete", browser.path());
    api.admin.child("to-delete");

    browser.click("#delete").click("#confirm-delete");
    assertEquals("/console/children?done=deleted", browser.path());
    assertEquals("The child model was deleted.", browser.text("#note"));
    assertTrue(api.admin.children().stream().noneMatch(c -> c.child().name().equals("to-delete")));
  }

  @Test
  void upstreamModelsAreBrowsedByDatasourceAndRelease() {
    browser.go("/console/models");
    assertTrue(browser.text("#datasource-eole").contains("2.9.0"), browser.pageText());
    browser.screenshot("console-models");

    choose("#release", "2.8.1");
    browser.click("#filter");
    assertEquals("/console/models?datasource=&release=2.8.1", browser.path());
    assertTrue(browser.text("#model-table").contains("eole/2.8.1/amon"));
    assertTrue(!browser.text("#model-table").contains("eole/2.9.0/"), browser.text("#model-table"));

    browser.click("#model-eole-2\\.8\\.1-amon a");
    assertEquals("/console/models/eole/2.8.1/amon", browser.path());
    String port = browser.text("#variable-proxy_port");
    assertTrue(port.contains("3128") && port.contains("eole-proxy"), port);
    String mode = browser.text("#variable-proxy_mode");
    assertTrue(mode.contains("transparent") && mode.contains("amon.yaml"), mode);
    browser.screenshot("console-model");

    browser.click("#derive");
    assertEquals("/console/children/new?datasource=eole&release=2.8.1&model=amon", browser.path());
  }
}
