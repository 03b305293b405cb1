package dev.alize.consumer.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.consumer.http.ApiFixture;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.views.exceptions.ViewRenderingException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A console page whose template fails to render is answered at once with a 500 and the console's
 * error page, rather than left without an answer.
 */
class ConsoleBrokenTemplateTest {

  @TempDir static Path temp;

  private static ApiFixture api;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    // Read once, when the context starts: no other test's context gets the broken page's route.
    System.setProperty(BrokenPageController.ENABLED, "true");
    try {
      api = ApiFixture.start(temp.resolve("site"));
    } finally {
      System.clearProperty(BrokenPageController.ENABLED);
    }
    base = "http://127.0.0.1:" + api.server.port();
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void aPageWhoseTemplateFailsIsNotAnsweredButThrown() {
    ConsoleViews views = api.context.getBean(ConsoleViews.class);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("page", ConsolePage.anonymous("Broken"));

    assertThrows(
        ViewRenderingException.class,
        () ->
            views.page(
                HttpStatus.OK,
                BrokenPageController.VIEW,
                model,
                HttpRequest.GET(BrokenPageController.PATH)));
  }

  @Test
  void aPageWhoseTemplateFailsIsA500ShownAsTheErrorPage() throws Exception {
    ConsoleClient client = new ConsoleClient(base);
    assertEquals(303, client.signIn(api.aliceToken).statusCode());

    // A hang fails the test rather than blocking it.
    HttpResponse<String> answer =
        client.send(
            client
                .request(BrokenPageController.PATH)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build());

    assertEquals(500, answer.statusCode());
    assertTrue(
        answer.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
        answer.headers().toString());
    assertTrue(answer.body().contains("id=\"error-message\""), answer.body());
    assertTrue(answer.body().contains("the request failed unexpectedly"), answer.body());
    assertFalse(answer.body().contains("before-the-failure"), "no part of the broken page");
  }
}
