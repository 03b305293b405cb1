package dev.alize.consumer.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.web.SignInThrottle;
import dev.alize.consumer.http.ApiFixture;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's defences, seen over plain HTTP as an attacker without a browser sees them: forms
 * without their token or from another site, guessed tokens, cookies sent to the API, and the
 * headers of every answer.
 */
class ConsoleHttpTest {

  @TempDir static Path temp;

  private static ApiFixture api;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    api = ApiFixture.start(temp.resolve("site"));
    base = "http://127.0.0.1:" + api.server.port();
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  private static ConsoleClient signedIn() throws Exception {
    ConsoleClient client = new ConsoleClient(base);
    assertEquals(303, client.signIn(api.aliceToken).statusCode());
    return client;
  }

  @Test
  void signingInSetsAStrictHttpOnlyCookieForTheConsoleOnly() throws Exception {
    ConsoleClient client = new ConsoleClient(base);

    HttpResponse<String> answer = client.signIn(api.aliceToken);

    assertEquals(303, answer.statusCode());
    assertEquals("/console", answer.headers().firstValue("Location").orElseThrow());
    String cookie =
        answer.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith(ConsoleSessions.COOKIE + "="))
            .findFirst()
            .orElseThrow();
    assertTrue(cookie.contains("Path=/console"), cookie);
    assertTrue(cookie.contains("HTTPOnly") || cookie.contains("HttpOnly"), cookie);
    assertTrue(cookie.contains("SameSite=Strict"), cookie);
    assertFalse(cookie.contains(api.aliceToken), "the token is exchanged, never sent back");
    assertEquals(200, client.get("/console").statusCode());
  }

  @Test
  void aFormWithoutItsTokenIsRefusedAndChangesNothing() throws Exception {
    ConsoleClient client = signedIn();

    HttpResponse<String> answer = client.post(SignInController.SIGN_OUT, Map.of());

    assertEquals(403, answer.statusCode());
    assertTrue(answer.body().contains("anti-forgery token"), answer.body());
    assertEquals(200, client.get("/console").statusCode(), "still signed in");
  }

  /** Every action of the console, with "1" for each variable of its path. */
  private static List<String> actions() {
    return api.context
        .getBean(Router.class)
        .uriRoutes()
        .filter(r -> r.getHttpMethod() == HttpMethod.POST)
        .map(r -> r.getUriMatchTemplate().toString())
        .filter(t -> t.startsWith(ConsoleSessions.PATH + "/"))
        .filter(t -> !t.equals(SignInController.SIGN_IN))
        .map(t -> t.replaceAll("\\{[^}]*}", "1"))
        .sorted()
        .toList();
  }

  @Test
  void everyActionOfTheConsoleRefusesAFormWithoutItsToken() throws Exception {
    ConsoleClient client = signedIn();
    ApiFixture.Snapshot before = api.snapshot();
    List<String> actions = actions();
    assertTrue(actions.contains(SignInController.SIGN_OUT), actions::toString);

    for (String action : actions) {
      HttpResponse<String> answer = client.post(action, Map.of("comment", "x", "name", "x"));
      assertEquals(403, answer.statusCode(), () -> action + ": " + answer.body());
      assertTrue(answer.body().contains("anti-forgery token"), () -> action + ": " + answer.body());
    }
    assertEquals(before, api.snapshot());
    assertEquals(200, client.get("/console").statusCode(), "still signed in");
  }

  @Test
  void anotherSessionsFormTokenIsRefused() throws Exception {
    ConsoleClient alice = signedIn();
    ConsoleClient bob = new ConsoleClient(base);
    bob.signIn(api.bobToken);
    String bobsToken = bob.formToken("/console");

    HttpResponse<String> answer =
        alice.post(SignInController.SIGN_OUT, Map.of(ConsoleForms.FIELD, bobsToken));

    assertEquals(403, answer.statusCode());
    assertEquals(200, alice.get("/console").statusCode());
  }

  @Test
  void aFormWithItsTokenIsTaken() throws Exception {
    ConsoleClient client = signedIn();

    HttpResponse<String> answer = client.submit(SignInController.SIGN_OUT, Map.of());

    assertEquals(303, answer.statusCode());
    assertEquals(303, client.get("/console").statusCode(), "signed out: sent to sign in");
  }

  @Test
  void aFormSentFromAnotherSiteIsRefusedEvenWithItsToken() throws Exception {
    ConsoleClient client = signedIn();
    String token = client.formToken("/console");

    HttpResponse<String> answer =
        client.send(
            client
                .request(SignInController.SIGN_OUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + token))
                .build());

    assertEquals(403, answer.statusCode());
    assertTrue(answer.body().contains("from another site"), answer.body());
  }

  @Test
  void aFormThatIsNotUrlEncodedIsRefused() throws Exception {
    ConsoleClient client = signedIn();
    String token = client.formToken("/console");

    HttpResponse<String> answer =
        client.send(
            client
                .request(SignInController.SIGN_OUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"csrf\": \"" + token + "\"}"))
                .build());

    assertEquals(415, answer.statusCode());
  }

  @Test
  void withoutASessionAFormLeadsToSignInWhateverItHolds() throws Exception {
    ConsoleClient anonymous = new ConsoleClient(base);

    HttpResponse<String> answer =
        anonymous.send(
            anonymous
                .request(SignInController.SIGN_OUT)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("anything"))
                .build());

    assertEquals(303, answer.statusCode(), "sign in first, rather than 415");
    assertEquals(SignInController.SIGN_IN, answer.headers().firstValue("Location").orElseThrow());
  }

  @Test
  void aForgedCookieLeadsToSignIn() throws Exception {
    ConsoleClient anonymous = new ConsoleClient(base);

    HttpResponse<String> answer =
        anonymous.send(
            anonymous.request("/console").header("Cookie", ConsoleSessions.COOKIE + "=x").build());

    assertEquals(303, answer.statusCode());
    assertEquals(
        SignInController.SIGN_IN + "?ended=true",
        answer.headers().firstValue("Location").orElseThrow());
  }

  @Test
  void theApiIgnoresTheConsoleCookie() throws Exception {
    ConsoleClient client = signedIn();

    HttpResponse<String> answer = client.get("/api/v1/status");

    assertEquals(401, answer.statusCode());
  }

  @Test
  void guessingTokensIsSlowedDownForThatAddressOnly() throws Exception {
    ConsoleClient guesser = new ConsoleClient(base);
    for (int i = 0; i <= SignInThrottle.FREE_FAILURES; i++) {
      HttpResponse<String> guessed = guesser.signIn("guess-" + i);
      assertEquals(403, guessed.statusCode(), () -> guessed.headers().map() + guessed.body());
    }

    HttpResponse<String> refused = guesser.signIn(api.aliceToken);

    assertEquals(429, refused.statusCode(), "even the right token waits its turn");
    assertEquals("2", refused.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(refused.body().contains("try again in 2 s"), refused.body());
    assertNull(guesser.cookie());

    api.clock.advance(Duration.ofSeconds(2));
    assertEquals(303, guesser.signIn(api.aliceToken).statusCode());
  }

  @Test
  void everyAnswerKeepsThePageOutOfFramesCachesAndOtherSitesScripts() throws Exception {
    ConsoleClient client = signedIn();

    for (String path : List.of("/console", "/console/sign-in", "/console/no-such-page")) {
      HttpResponse<String> answer = client.get(path);
      String policy = answer.headers().firstValue("Content-Security-Policy").orElseThrow();
      assertTrue(policy.contains("default-src 'none'"), path + ": " + policy);
      assertTrue(policy.contains("frame-ancestors 'none'"), path + ": " + policy);
      assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElseThrow());
      assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElseThrow(), path);
      assertTrue(
          answer.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"), path);
    }
  }

  @Test
  void anUnknownPageIsAPageInTheConsolesWords() throws Exception {
    HttpResponse<String> answer = signedIn().get("/console/no-such-page");

    assertEquals(404, answer.statusCode());
    assertTrue(answer.body().contains("id=\"error-message\""), answer.body());
    assertFalse(answer.body().contains("io.micronaut"), answer.body());
  }

  @Test
  void theStyleSheetAndScriptComeFromTheJarToAnyone() throws Exception {
    ConsoleClient anonymous = new ConsoleClient(base);

    HttpResponse<String> css = anonymous.get("/console/assets/console.css");
    HttpResponse<String> shared = anonymous.get("/console/assets/alize.css");
    assertEquals(200, shared.statusCode());
    assertTrue(shared.body().contains("system-ui"), shared.body());
    HttpResponse<String> js = anonymous.get("/console/assets/console.js");

    assertEquals(200, css.statusCode());
    assertTrue(css.headers().firstValue("Content-Type").orElseThrow().startsWith("text/css"));
    assertEquals(200, js.statusCode());
    assertEquals(404, anonymous.get("/console/assets/../../application.yml").statusCode());
    assertFalse(css.body().contains("http://") || css.body().contains("https://"));
  }
}
