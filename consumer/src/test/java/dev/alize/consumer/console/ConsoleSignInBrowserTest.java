package dev.alize.consumer.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.testing.Browser;
import dev.alize.common.web.WebSessions;
import dev.alize.consumer.http.ApiFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Cookie;

/** Signing in and out of the console in a real browser, against serve's real server. */
class ConsoleSignInBrowserTest {

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
  }

  @AfterEach
  void closeBrowser() {
    browser.close();
  }

  private void signIn(String token) {
    browser.go("/console/sign-in").type("#token", token).click("#sign-in");
  }

  @Test
  void aPageAskedForWithoutSigningInLeadsToTheSignInForm() {
    browser.go("/console");

    assertEquals("/console/sign-in", browser.path());
    assertTrue(browser.title().startsWith("Sign in"), browser.title());
  }

  @Test
  void anAdminSignsInSeesTheOverviewAndSignsOut() {
    signIn(api.aliceToken);

    assertEquals("/console", browser.path());
    assertEquals("alice", browser.text(".who strong"));
    assertTrue(browser.text("#datasource-eole").contains("1.1.0"), browser.pageText());
    assertTrue(browser.text("#repository-table").contains("upstream"), browser.pageText());
    browser.screenshot("console-overview");

    Cookie cookie = browser.driver().manage().getCookieNamed(ConsoleSessions.COOKIE);
    assertTrue(cookie.isHttpOnly());
    assertEquals("Strict", cookie.getSameSite());
    assertEquals("/console", cookie.getPath());

    browser.click("#sign-out");
    assertEquals("/console/sign-in?signed-out=true", browser.path());
    assertTrue(browser.pageText().contains("You are signed out."));
    browser.go("/console");
    assertEquals("/console/sign-in", browser.path());
  }

  @Test
  void aWrongTokenIsRefusedOnTheForm() {
    signIn("not-a-token");

    assertEquals("/console/sign-in", browser.path());
    assertEquals("That is not an admin's token.", browser.text("#sign-in-error"));
    assertTrue(browser.driver().manage().getCookieNamed(ConsoleSessions.COOKIE) == null);
  }

  @Test
  void anEndedSessionLeadsBackToSignIn() {
    signIn(api.bobToken);
    assertEquals("/console", browser.path());

    api.clock.advance(WebSessions.IDLE);
    browser.go("/console");

    assertEquals("/console/sign-in?ended=true", browser.path());
    assertTrue(browser.pageText().contains("Your session has ended"), browser.pageText());
    signIn(api.bobToken);
    assertEquals("/console", browser.path());
  }
}
