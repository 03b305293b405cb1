package dev.alize.consumer.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.notify.MailTarget;
import dev.alize.consumer.config.CheckedContexts;
import dev.alize.consumer.config.ConfigurationException;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotificationSettingsTest {

  private static final String SECRET = "0123456789abcdef-secret";

  /** The settings of a configuration with these keys under alize.consumer.notifications. */
  private static NotificationSettings settings(Map<String, Object> keys) {
    Map<String, Object> properties = new HashMap<>();
    keys.forEach((key, value) -> properties.put(NotificationSettings.PREFIX + key, value));
    try (ApplicationContext context = CheckedContexts.start(properties)) {
      return NotificationSettings.from(context.getBean(NotificationProperties.class));
    }
  }

  private static void assertNames(String key, Map<String, Object> keys) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> settings(keys));
    assertTrue(
        e.getMessage().startsWith("alize.consumer.notifications." + key),
        "expected the key " + key + " in: " + e.getMessage());
  }

  @Test
  void nothingConfiguredMeansLogOnly() {
    NotificationSettings settings = NotificationSettings.from(NotificationProperties.none());

    assertEquals(NotificationSettings.logOnly(), settings);
    assertEquals(List.of("log"), settings.channels());
    assertEquals(Optional.empty(), settings.console());
  }

  @Test
  void aConsoleUrl_isKeptWithoutItsTrailingSlash_andAddsNoChannel() {
    NotificationSettings settings =
        settings(Map.of("console-url", "https://alize.site.example:8480/console/"));

    assertEquals(
        URI.create("https://alize.site.example:8480/console"),
        settings.console().orElseThrow().base());
    assertEquals(List.of("log"), settings.channels());
  }

  @Test
  void consoleUrlErrorsNameTheKey() {
    for (String url :
        List.of(
            "https://alize example/console",
            "/console",
            "alize.site.example:8480/console",
            "ftp://alize.site.example/console",
            "https://alize.site.example/console?tab=conflicts",
            "https://alize.site.example/console#top",
            "https://admin:pw@alize.site.example/console")) {
      assertNames("console-url", Map.of("console-url", url));
    }
  }

  @Test
  void aWebhookAndEmailWithDefaults() {
    NotificationSettings settings =
        settings(
            Map.of(
                "webhook-url", "https://hooks.example.org/alize",
                "webhook-secret", SECRET,
                "email-smtp-host", "smtp.example.org",
                "email-from", "Alizé <alize@example.org>",
                "email-to",
                    List.of("admin@example.org", " ops@example.org ", "admin@example.org")));

    assertEquals(List.of("log", "webhook", "email"), settings.channels());
    assertEquals(
        URI.create("https://hooks.example.org/alize"), settings.webhook().orElseThrow().url());
    MailTarget email = settings.email().orElseThrow();
    assertEquals(25, email.smtpPort());
    assertFalse(email.starttls());
    assertEquals(null, email.username());
    assertEquals(List.of("admin@example.org", "ops@example.org"), email.to());
  }

  @Test
  void plainHttpWebhookOnlyToTheLoopback() {
    for (String url : List.of("http://127.0.0.1:8080/hook", "http://localhost/hook")) {
      NotificationSettings s = settings(Map.of("webhook-url", url, "webhook-secret", SECRET));
      assertEquals(URI.create(url), s.webhook().orElseThrow().url());
    }
    assertNames(
        "webhook-url",
        Map.of("webhook-url", "http://hooks.example.org/alize", "webhook-secret", SECRET));
    assertNames(
        "webhook-url", Map.of("webhook-url", "ftp://example.org/", "webhook-secret", SECRET));
    assertNames("webhook-url", Map.of("webhook-url", "not a url", "webhook-secret", SECRET));
    assertNames("webhook-url", Map.of("webhook-url", "https:/no-host", "webhook-secret", SECRET));
  }

  @Test
  void webhookErrorsNameTheKey() {
    assertNames("webhook-secret", Map.of("webhook-url", "https://hooks.example.org/"));
    assertNames(
        "webhook-secret",
        Map.of("webhook-url", "https://hooks.example.org/", "webhook-secret", "short-secret"));
    assertNames("webhook-url", Map.of("webhook-secret", SECRET));
  }

  @Test
  void aShortSecretIsNotRepeatedInTheMessage() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () ->
                settings(
                    Map.of(
                        "webhook-url", "https://hooks.example.org/",
                        "webhook-secret", "hunter2")));

    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void emailErrorsNameTheKey() {
    assertNames(
        "email-from",
        Map.of("email-smtp-host", "smtp.example.org", "email-to", List.of("a@x.org")));
    assertNames("email-smtp-host", Map.of("email-from", "a@x.org", "email-to", List.of("b@x.org")));
    assertNames("email-to", Map.of("email-smtp-host", "smtp.example.org", "email-from", "a@x.org"));
    Map<String, Object> ok =
        Map.of(
            "email-smtp-host",
            "smtp.example.org",
            "email-from",
            "a@x.org",
            "email-to",
            List.of("b@x.org"));
    assertNames("email-to", with(ok, "email-to", List.of("b@x.org", "not-an-address")));
    assertNames("email-to", with(ok, "email-to", List.of("b@x.org, c@x.org")));
    assertNames("email-from", with(ok, "email-from", "nobody"));
    assertNames("email-smtp-port", with(ok, "email-smtp-port", "smtp"));
    assertNames("email-smtp-port", with(ok, "email-smtp-port", "70000"));
    assertNames("email-password", with(ok, "email-username", "alize"));
    assertNames("email-username", with(ok, "email-password", "pw"));
    Map<String, Object> auth = with(with(ok, "email-username", "alize"), "email-password", "pw");
    assertNames("email-starttls", auth);
    assertTrue(settings(with(auth, "email-starttls", true)).email().isPresent());
    assertTrue(settings(with(auth, "email-smtp-host", "127.0.0.1")).email().isPresent());
  }

  @Test
  void toStringHidesTheSecrets() {
    NotificationSettings s =
        settings(
            Map.of(
                "webhook-url", "https://hooks.example.org/",
                "webhook-secret", SECRET,
                "email-smtp-host", "smtp.example.org",
                "email-starttls", true,
                "email-username", "alize",
                "email-password", "p4ssw0rd-smtp",
                "email-from", "a@x.org",
                "email-to", List.of("b@x.org")));

    assertFalse(s.toString().contains(SECRET), s.toString());
    assertFalse(s.toString().contains("p4ssw0rd-smtp"), s.toString());
  }

  @Test
  void micronautBindsTheFlatKeys() {
    try (ApplicationContext context =
        ApplicationContext.builder()
            .banner(false)
            .deduceEnvironment(false)
            .properties(
                Map.of(
                    "alize.consumer.notifications.webhook-url",
                    "https://hooks.example.org/",
                    "alize.consumer.notifications.webhook-secret",
                    SECRET,
                    "alize.consumer.notifications.email-smtp-host",
                    "smtp.example.org",
                    "alize.consumer.notifications.email-smtp-port",
                    587,
                    "alize.consumer.notifications.email-starttls",
                    true,
                    "alize.consumer.notifications.email-from",
                    "alize@example.org",
                    "alize.consumer.notifications.email-to",
                    List.of("admin@example.org", "ops@example.org")))
            .start()) {
      NotificationSettings s =
          NotificationSettings.from(context.getBean(NotificationProperties.class));

      assertEquals(List.of("log", "webhook", "email"), s.channels());
      assertEquals(587, s.email().orElseThrow().smtpPort());
      assertTrue(s.email().orElseThrow().starttls());
      assertEquals(List.of("admin@example.org", "ops@example.org"), s.email().orElseThrow().to());
    }
  }

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> copy = new java.util.HashMap<>(base);
    copy.put(key, value);
    return copy;
  }
}
