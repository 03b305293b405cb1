package dev.alize.consumer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.consumer.http.AdminProperties;
import dev.alize.consumer.http.ApiProperties;
import dev.alize.consumer.notify.NotificationProperties;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each mistake in a configuration is refused in one line naming the key and what to write. */
class ConfigurationCheckTest {

  private static final String REPOSITORY = "alize.consumer.repositories.eole.";
  private static final String HASH =
      "35cd82859ca60e8784cd151bc9f090fc0d7f6b0cfb5cde558b487c24cd1467e9";

  @TempDir Path folder;

  /** A repository that works, and the given keys. */
  private static Map<String, Object> with(Object... keysAndValues) {
    Map<String, Object> properties = new HashMap<>();
    properties.put(REPOSITORY + "url", "https://models.example");
    properties.put(REPOSITORY + "trusted-root", "root.json");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return properties;
  }

  private static String refused(Map<String, Object> file, PropertySource... others) {
    return assertThrows(ConfigurationException.class, () -> CheckedContexts.start(file, others))
        .getMessage();
  }

  /** The configuration file's text, read as the consumer reads it, then checked. */
  private ApplicationContext yaml(String text) throws IOException {
    Path file = Files.writeString(folder.resolve("consumer.yml"), text);
    return CheckedContexts.start(Map.of(), ConfigurationFile.read(file));
  }

  private String refusedYaml(String text) {
    return assertThrows(ConfigurationException.class, () -> yaml(text).close()).getMessage();
  }

  @Test
  void aCorrectConfiguration_isAccepted() throws IOException {
    try (ApplicationContext context =
        yaml(
            """
            alize:
              consumer:
                data-dir: data
                database:
                notifications: {}
                repositories:
                  eole:
                    url: https://models.example
                    mirrors: [https://mirror.example]
                    trusted-root: root.json
                    channel: staged
                    datasources: [eole]
                    auto-approve: major
                    poll-interval: 1h
                    allow-plain-http: false
                api:
                  enabled: true
                  port: 0
                  admins:
                    alice:
                      token-sha256: %s
            micronaut:
              server:
                port: 1
            jackson:
              serialization-inclusion: always
            netty:
              default:
                allocator:
                  max-order: 3
            """
                .formatted(HASH))) {
      RepositoryProperties eole = context.getBean(RepositoryProperties.class);
      assertEquals(Duration.ofHours(1), eole.pollInterval());
      assertEquals(AutoApprove.MAJOR, eole.autoApprove());
      assertEquals(0, context.getBean(ApiProperties.class).port());
    }
  }

  @Test
  void unknownKey_atTheTop_isRefusedWithTheNearestKey() {
    assertEquals(
        "alize.consumer.datadir: unknown key; did you mean alize.consumer.data-dir?",
        refused(with("alize.consumer.datadir", "data")));
  }

  @Test
  void repository_writtenAsAUrl_isRefusedWithTheKeyItNeeds() {
    assertEquals(
        "alize.consumer.repositories.other: unknown key; did you mean"
            + " alize.consumer.repositories.other.url?",
        refused(with("alize.consumer.repositories.other", "https://other.example")));
  }

  @Test
  void misspeltDatabaseSection_isRefused_ratherThanANewEmbeddedDatabase() {
    assertEquals(
        "alize.consumer.databse.url: unknown key; did you mean alize.consumer.database.url?",
        refusedYaml(
            """
            alize:
              consumer:
                databse:
                  url: jdbc:postgresql://db.example/alize
            """));
  }

  @Test
  void misspeltNotificationsSection_isRefused_ratherThanNoNotification() {
    assertEquals(
        "alize.consumer.notification.webhook-url: unknown key; did you mean"
            + " alize.consumer.notifications.webhook-url?",
        refused(with("alize.consumer.notification.webhook-url", "https://hooks.example")));
  }

  @Test
  void misspeltKey_inARepository_namesTheRepository() {
    assertEquals(
        "alize.consumer.repositories.eole.pol-interval: unknown key; did you mean"
            + " alize.consumer.repositories.eole.poll-interval?",
        refused(with(REPOSITORY + "pol-interval", "1h")));
  }

  @Test
  void misspeltKey_inAnAdmin_namesTheAdmin() {
    assertEquals(
        "alize.consumer.api.admins.alice.token-sha: unknown key; did you mean"
            + " alize.consumer.api.admins.alice.token-sha256?",
        refused(with("alize.consumer.api.admins.alice.token-sha", HASH)));
  }

  @Test
  void keysOfOthers_areLeftAlone() {
    try (ApplicationContext context =
        CheckedContexts.start(
            with(
                "micronaut.server.port",
                "http",
                "jackson.serialization-inclusion",
                "always",
                "alizeb.anything",
                "x"))) {
      assertEquals(1, context.getBeansOfType(RepositoryProperties.class).size());
    }
  }

  @Test
  void camelCaseKeys_areReadAsMicronautReadsThem() {
    try (ApplicationContext context =
        CheckedContexts.start(with(REPOSITORY + "pollInterval", "30s"))) {
      assertEquals(
          Duration.ofSeconds(30), context.getBean(RepositoryProperties.class).pollInterval());
    }
  }

  @Test
  void environmentVariables_thatSetAKey_areAccepted() {
    PropertySource variables =
        CheckedContexts.variables(
            Map.of(
                "ALIZE_CONSUMER_API_PORT", "9090",
                "ALIZE_CONSUMER_API_ENABLED", "false",
                "ALIZE_CONSUMER_DATA_DIR", "data",
                "ALIZE_CONSUMER_DATABASE_PASSWORD", "pw",
                "ALIZE_CONSUMER_REPOSITORIES_EOLE_POLL_INTERVAL", "30s",
                "ALIZE_CONSUMER_REPOSITORIES_EOLE_ALLOW_PLAIN_HTTP", "true",
                "ALIZE_CONSUMER_NOTIFICATIONS_EMAIL_SMTP_PORT", "587",
                "ALIZE_CONSUMER_API_ADMINS_ALICE_TOKEN_SHA256", HASH,
                // Not keys of the consumer: for placeholders, logging, the publisher.
                "ALIZE_DB_PASSWORD", "pw",
                "ALIZE_LOG_LEVEL", "DEBUG"));
    try (ApplicationContext context = CheckedContexts.start(with(), variables)) {
      assertEquals(9090, context.getBean(ApiProperties.class).port());
      RepositoryProperties eole = context.getBean(RepositoryProperties.class);
      assertEquals(Duration.ofSeconds(30), eole.pollInterval());
      assertEquals(true, eole.allowPlainHttp());
      assertEquals(
          List.of("alice"),
          context.getBeansOfType(AdminProperties.class).stream()
              .map(AdminProperties::name)
              .toList());
    }
  }

  @Test
  void environmentVariable_ofTheConsolesUrl_setsItsKey() {
    try (ApplicationContext context =
        CheckedContexts.start(
            with(),
            CheckedContexts.variables(
                Map.of(
                    "ALIZE_CONSUMER_NOTIFICATIONS_CONSOLE_URL",
                    "https://alize.site.example:8480/console")))) {
      assertEquals(
          URI.create("https://alize.site.example:8480/console"),
          context.getBean(NotificationProperties.class).consoleUrl());
    }
  }

  @Test
  void environmentVariable_thatSetsNoKey_isRefusedWithTheNearestVariable() {
    assertEquals(
        "ALIZE_CONSUMER_DATABSE_URL: unknown environment variable; did you mean"
            + " ALIZE_CONSUMER_DATABASE_URL?",
        refused(
            with(),
            CheckedContexts.variables(Map.of("ALIZE_CONSUMER_DATABSE_URL", "jdbc:h2:mem:x"))));
    assertEquals(
        "ALIZE_CONSUMER_REPOSITORIES_EOLE_POLL_INTERVALL: unknown environment variable; did you"
            + " mean ALIZE_CONSUMER_REPOSITORIES_EOLE_POLL_INTERVAL?",
        refused(
            with(),
            CheckedContexts.variables(
                Map.of("ALIZE_CONSUMER_REPOSITORIES_EOLE_POLL_INTERVALL", "1h"))));
  }

  @Test
  void theVariableThatNamesTheFile_isNoKeyButIsAccepted() {
    try (ApplicationContext context =
        CheckedContexts.start(
            with(),
            CheckedContexts.variables(
                Map.of(ConfigLocation.VARIABLE, "/etc/alize/consumer.yml")))) {
      assertEquals(List.of(), ConfigurationCheck.report(context).problems());
    }
  }

  @Test
  void environmentVariable_forANameWithADash_isRefused() {
    // Micronaut would also read it as keys of "eole", a repository without a URL.
    assertEquals(
        "ALIZE_CONSUMER_REPOSITORIES_EOLE_UPSTREAM_POLL_INTERVAL: an environment variable cannot"
            + " set a key of eole-upstream, a name with a dash; write"
            + " alize.consumer.repositories.eole-upstream.poll-interval in the configuration file,"
            + " with a placeholder ${VARIABLE} for a value from the environment",
        refused(
            Map.of(
                "alize.consumer.repositories.eole-upstream.url", "https://models.example",
                "alize.consumer.repositories.eole-upstream.trusted-root", "root.json"),
            CheckedContexts.variables(
                Map.of("ALIZE_CONSUMER_REPOSITORIES_EOLE_UPSTREAM_POLL_INTERVAL", "30s"))));
  }

  @Test
  void environmentVariable_ofTheWrongType_isNamed() {
    assertEquals(
        "ALIZE_CONSUMER_API_PORT: 'abc' is not a TCP port: write 1 to 65535, or 0 for any free one",
        refused(with(), CheckedContexts.variables(Map.of("ALIZE_CONSUMER_API_PORT", "abc"))));
  }

  @Test
  void unsetVariable_inAPlaceholder_isNamed() {
    assertEquals(
        "alize.consumer.database.password: the environment variable"
            + " ALIZE_CONFIGURATION_CHECK_UNSET is not set",
        refused(with("alize.consumer.database.password", "${ALIZE_CONFIGURATION_CHECK_UNSET}")));
    assertEquals(
        "alize.consumer.notifications.email-to: the environment variable"
            + " ALIZE_CONFIGURATION_CHECK_UNSET is not set",
        refused(
            with(
                "alize.consumer.notifications.email-to",
                List.of("a@example.org", "${ALIZE_CONFIGURATION_CHECK_UNSET}"))));
  }

  @Test
  void placeholders_thatResolve_orHaveADefault_areAccepted() {
    try (ApplicationContext context =
        CheckedContexts.start(
            with(
                "alize.consumer.database.user",
                "${alize.consumer.data-dir}",
                "alize.consumer.database.password",
                "${ALIZE_CONFIGURATION_CHECK_UNSET:}",
                "alize.consumer.data-dir",
                "${ALIZE_CONFIGURATION_CHECK_UNSET:data}"))) {
      DatabaseProperties database = context.getBean(DatabaseProperties.class);
      assertEquals("data", database.user());
      assertEquals("", database.password());
      assertEquals("data", context.getBean(ConsumerProperties.class).dataDir());
    }
  }

  @Test
  void port_thatIsNotANumber_orOutOfRange() {
    assertEquals(
        "alize.consumer.api.port: 'abc' is not a TCP port: write 1 to 65535, or 0 for any free one",
        refused(with("alize.consumer.api.port", "abc")));
    assertEquals(
        "alize.consumer.api.port: '65536' is not a TCP port: write 1 to 65535, or 0 for any free"
            + " one",
        refused(with("alize.consumer.api.port", 65536)));
    assertEquals(
        "alize.consumer.notifications.email-smtp-port: '0' is not a port number (1 to 65535)",
        refused(with("alize.consumer.notifications.email-smtp-port", "0")));
  }

  @Test
  void duration_thatIsNotAPeriod() {
    assertEquals(
        "alize.consumer.repositories.eole.poll-interval: '15 minutes' is not a period: write 365d,"
            + " 12h, 15m, 45s or ISO-8601 such as P7D",
        refused(with(REPOSITORY + "poll-interval", "15 minutes")));
  }

  @Test
  void boolean_thatIsNeitherTrueNorFalse() {
    assertEquals(
        "alize.consumer.api.enabled: 'ture' is neither true nor false",
        refused(with("alize.consumer.api.enabled", "ture")));
    assertEquals(
        "alize.consumer.repositories.eole.allow-plain-http: '1' is neither true nor false",
        refused(with(REPOSITORY + "allow-plain-http", "1")));
  }

  @Test
  void url_thatIsNotOne() {
    assertEquals(
        "alize.consumer.notifications.webhook-url: 'https://hooks example' is not a URL",
        refused(with("alize.consumer.notifications.webhook-url", "https://hooks example")));
    assertEquals(
        "alize.consumer.notifications.console-url: 'https://alize example/console' is not a URL",
        refused(with("alize.consumer.notifications.console-url", "https://alize example/console")));
    assertEquals(
        "alize.consumer.repositories.eole.mirrors: 'mirror one' is not a URL",
        refused(with(REPOSITORY + "mirrors", List.of("https://mirror.example", "mirror one"))));
  }

  @Test
  void choice_thatIsNotOneOfThem() {
    assertEquals(
        "alize.consumer.repositories.eole.auto-approve: 'none' is not patch, minor or major",
        refused(with(REPOSITORY + "auto-approve", "none")));
  }

  @Test
  void databaseUrl_ofAnotherDatabase() {
    assertEquals(
        "alize.consumer.database.url: 'jdbc:mysql://db.example/alize' is neither a"
            + " jdbc:postgresql: nor a jdbc:h2: URL",
        refused(with("alize.consumer.database.url", "jdbc:mysql://db.example/alize")));
  }

  @Test
  void requiredKey_missing() {
    Map<String, Object> properties = with();
    properties.remove(REPOSITORY + "trusted-root");
    assertEquals("alize.consumer.repositories.eole.trusted-root is required", refused(properties));
  }

  /** The guide's tables list every key the records declare, and no other. */
  @Test
  void everyKey_isInTheGuide() throws IOException {
    Set<String> documented = new TreeSet<>();
    String prefix = null;
    for (String line : Files.readAllLines(Path.of("README.md"))) {
      if (line.startsWith("| key (under `")) {
        prefix = line.substring("| key (under `".length(), line.indexOf('`', 14));
      } else if (prefix != null && line.startsWith("| `")) {
        documented.add((prefix + line.substring(3, line.indexOf('`', 3))).replace("NAME", "*"));
      } else if (!line.startsWith("|")) {
        prefix = null;
      }
    }
    try (ApplicationContext context = CheckedContexts.start(with())) {
      assertEquals(
          documented,
          ConfigurationKeys.of(context).all().stream()
              .map(ConfigurationKeys.Key::pattern)
              .collect(Collectors.toCollection(TreeSet::new)));
    }
  }

  @Test
  void everyKeysEnvironmentVariable_isInTheGuide_withItsSecretsSaidSo() throws IOException {
    List<String> documented =
        Files.readAllLines(Path.of("README.md")).stream()
            .filter(line -> line.startsWith("| `ALIZE_CONSUMER_"))
            .toList();
    try (ApplicationContext context = CheckedContexts.start(with())) {
      List<String> patterns =
          ConfigurationKeys.of(context).all().stream().map(ConfigurationKeys.Key::pattern).toList();
      assertTrue(patterns.containsAll(ConfigurationKeys.SECRETS), patterns::toString);
      List<String> expected =
          patterns.stream()
              .map(
                  pattern -> {
                    String key = pattern.replace("*", "NAME");
                    return "| `"
                        + ConfigurationKeys.variableName(key)
                        + "` | `"
                        + key
                        + "` | "
                        + (ConfigurationKeys.SECRETS.contains(pattern) ? "yes" : "no")
                        + " |";
                  })
              .toList();
      assertEquals(expected, documented, () -> String.join("\n", expected));
    }
  }
}
