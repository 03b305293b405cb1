package dev.alize.consumer.cli;

import static java.nio.file.StandardOpenOption.APPEND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN_HASH = "ab".repeat(32);

  @TempDir Path site;
  private Path config;

  @BeforeEach
  void configure() throws IOException {
    config = CommandRun.minimalSite(site);
  }

  private void withSecrets() throws IOException {
    Files.writeString(
        config,
        "    database:\n"
            + "      password: hunter2-database\n"
            + "    api:\n"
            + "      admins:\n"
            + "        alice:\n"
            + "          token-sha256: "
            + TOKEN_HASH
            + "\n"
            + "    notifications:\n"
            + "      webhook-url: https://hooks.example/alize\n"
            + "      webhook-secret: hunter2-webhook-secret\n"
            + "      email-password: hunter2-smtp\n",
        APPEND);
  }

  @Test
  void aFineConfiguration_isPrintedWithItsSecretsMasked_andExits0() throws IOException {
    withSecrets();
    CommandRun run = CommandRun.of("config", "check", "--config", config);
    assertEquals(0, run.exit(), run::err);
    assertEquals("", run.err());
    List<String> lines = run.out().lines().toList();
    assertEquals("configuration: " + config, lines.get(0));
    assertTrue(
        lines.contains(
            "  alize.consumer.repositories.upstream.url = https://models.example  ("
                + config
                + ")"),
        run::out);
    assertTrue(
        lines.contains("  alize.consumer.database.password = ********  (" + config + ")"),
        run::out);
    assertTrue(
        lines.contains(
            "  alize.consumer.api.admins.alice.token-sha256 = ********  (" + config + ")"),
        run::out);
    assertEquals("no problem found", lines.get(lines.size() - 1));
    assertFalse(run.out().contains("hunter2"), run::out);
    assertFalse(run.out().contains(TOKEN_HASH), run::out);
  }

  @Test
  void json_givesEverySettingAndNoProblem() throws IOException {
    withSecrets();
    CommandRun run = CommandRun.of("config", "check", "--config", config, "--json");
    assertEquals(0, run.exit(), run::err);
    JsonNode answer = JSON.readTree(run.out());
    assertEquals(config.toString(), answer.path("file").asText());
    assertEquals(0, answer.path("problems").size(), answer::toString);
    boolean sawSecret = false;
    for (JsonNode setting : answer.path("settings")) {
      if (setting.path("key").asText().equals("alize.consumer.notifications.email-password")) {
        assertEquals("********", setting.path("value").asText());
        sawSecret = true;
      }
    }
    assertTrue(sawSecret, answer::toString);
    assertFalse(run.out().contains("hunter2"), run::out);
  }

  @Test
  void aWrongConfiguration_listsEveryProblem_andExits1() throws IOException {
    Files.writeString(config, "    databse:\n      url: x\n    api:\n      prot: 8480\n", APPEND);
    CommandRun run = CommandRun.of("config", "check", "--config", config);
    assertEquals(1, run.exit(), run::err);
    List<String> lines = run.out().lines().toList();
    assertEquals(
        List.of(
            "problem: alize.consumer.api.prot: unknown key; did you mean alize.consumer.api.port?",
            "problem: alize.consumer.databse.url: unknown key; did you mean"
                + " alize.consumer.database.url?",
            "2 problem(s)"),
        lines.subList(lines.size() - 3, lines.size()));
  }

  @Test
  void aValueOfTheWrongType_isAProblem_andAnUnsetPlaceholderIsShownAsWritten() throws IOException {
    Files.writeString(
        config,
        "        poll-interval: often\n"
            + "    database:\n"
            + "      user: ${ALIZE_TEST_NEVER_SET_USER}\n",
        APPEND);
    CommandRun run = CommandRun.of("config", "check", "--config", config);
    assertEquals(1, run.exit(), run::err);
    assertTrue(
        run.out()
            .contains(
                "  alize.consumer.database.user = ${ALIZE_TEST_NEVER_SET_USER}  (" + config + ")"),
        run::out);
    assertTrue(
        run.out()
            .contains(
                "problem: alize.consumer.database.user: the environment variable"
                    + " ALIZE_TEST_NEVER_SET_USER is not set"),
        run::out);

    Files.writeString(
        config, Files.readString(config).replace("${ALIZE_TEST_NEVER_SET_USER}", "u"));
    run = CommandRun.of("config", "check", "--config", config);
    assertEquals(1, run.exit(), run::err);
    assertTrue(
        run.out()
            .contains(
                "problem: alize.consumer.repositories.upstream.poll-interval: 'often' is not a"
                    + " period"),
        run::out);
  }

  @Test
  void theAdminApiBeyondLoopbackWithoutTls_isAProblem_andNothingIsMade() throws IOException {
    Files.writeString(config, "    api:\n      host: 0.0.0.0\n", APPEND);
    CommandRun run = CommandRun.of("config", "check", "--config", config);
    assertEquals(1, run.exit(), run::err);
    assertTrue(
        run.out()
            .contains(
                "problem: alize.consumer.api.host: '0.0.0.0' is beyond loopback, where the admin"
                    + " API answers over HTTPS only: set alize.consumer.api.tls.names"),
        run::out);

    Files.writeString(config, "      tls:\n        names: [admin.example.org]\n", APPEND);
    run = CommandRun.of("config", "check", "--config", config);
    assertEquals(0, run.exit(), run::out);
    assertTrue(
        run.out().contains("  alize.consumer.api.tls.names = admin.example.org  (" + config + ")"),
        run::out);
    assertFalse(Files.exists(site.resolve("alize-data")), "config check makes no certificate");
  }

  @Test
  void anAdminApiCertificateThatCannotBeRead_isAProblemNamingItsKey() throws IOException {
    Files.writeString(
        config,
        "    api:\n      tls:\n        certificate: admin.crt.pem\n        key: admin.key.pem\n",
        APPEND);
    CommandRun run = CommandRun.of("config", "check", "--config", config);
    assertEquals(1, run.exit(), run::err);
    assertTrue(
        run.out()
            .contains(
                "problem: alize.consumer.api.tls.certificate: cannot read the TLS certificate "
                    + site.resolve("admin.crt.pem")
                    + ": no such file"),
        run::out);
  }

  @Test
  void aMissingTrustedRoot_isAProblem() throws IOException {
    Files.delete(site.resolve("root.json"));
    CommandRun run = CommandRun.of("config", "check", "--config", config);
    assertEquals(1, run.exit(), run::err);
    assertTrue(run.out().contains("problem: "), run::out);
    assertTrue(run.out().contains("root.json"), run::out);
  }
}
