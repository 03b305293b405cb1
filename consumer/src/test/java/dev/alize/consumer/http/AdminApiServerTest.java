package dev.alize.consumer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.token.TokenValue;
import dev.alize.consumer.cli.CommandRun;
import dev.alize.consumer.config.ConfigurationException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting the API: its configuration, a busy port, no admin, and the {@code new-token} and {@code
 * serve} commands around it.
 */
class AdminApiServerTest {

  @TempDir Path temp;

  private static CommandRun run(String... args) {
    return CommandRun.of((Object[]) args);
  }

  private static String api(String lines) {
    return "alize:\n  consumer:\n    api:\n" + lines.indent(6);
  }

  @Test
  void withoutAdmins_everyRequestIs401_sayingHowToAddOne() throws Exception {
    try (ApiFixture api = ApiFixture.start(temp, api("port: 0\n"))) {
      assertEquals(List.of(), api.server.admins());
      for (String path : new String[] {"/api/v1/status", "/api/v1/children"}) {
        HttpResponse<String> response = api.get(path, api.aliceToken);
        assertEquals(401, response.statusCode(), response::body);
        assertTrue(response.body().contains("consumer new-token NAME"), response::body);
        assertTrue(
            response.body().contains("alize.consumer.api.admins.NAME.token-sha256"),
            response::body);
      }
    }
  }

  @Test
  void health_isAnsweredWithoutAToken_andNoOtherManagementEndpoint() throws Exception {
    try (ApiFixture api = ApiFixture.start(temp)) {
      HttpResponse<String> health = api.get("/health", null);
      assertEquals(200, health.statusCode(), health::body);
      assertEquals("UP", ApiFixture.json(health).path("status").asText(), health::body);
      assertTrue(ApiFixture.json(health).path("details").isNull(), health::body);
      for (String path :
          new String[] {
            "/beans", "/env", "/info", "/loggers", "/routes", "/refresh", "/threaddump"
          }) {
        HttpResponse<String> response = api.get(path, api.aliceToken);
        assertEquals(404, response.statusCode(), () -> path + ": " + response.body());
      }
    }
  }

  @Test
  void frameworkSettingsOfTheFile_cannotWeakenTheApi() throws Exception {
    String token = TokenValue.generate(new java.security.SecureRandom());
    String config =
        "micronaut:\n"
            + "  security:\n"
            + "    enabled: false\n"
            + "    basic-auth:\n"
            + "      enabled: true\n"
            + "  server:\n"
            + "    max-request-size: 100000000\n"
            + "    port: 1\n"
            + api(
                "port: 0\nadmins:\n  alice:\n    token-sha256: "
                    + TokenValue.sha256Hex(token)
                    + "\n");
    try (ApiFixture api = ApiFixture.start(temp, config)) {
      assertTrue(api.server.port() > 1);
      assertEquals(401, api.get("/api/v1/status", null).statusCode());
      assertEquals(
          413,
          api.send(
                  "POST",
                  "/api/v1/approvals",
                  token,
                  "{\"datasource\": \"" + "x".repeat(2 << 20) + "\"}")
              .statusCode());
    }
  }

  @Test
  void disabled_startsNothing() throws Exception {
    try (ApiFixture api = ApiFixture.start(temp.resolve("fixture"))) {
      Path config = Files.writeString(temp.resolve("consumer.yml"), api("enabled: false\n"));
      assertTrue(api.startAnother(config, api.services).isEmpty());
    }
  }

  @Test
  void badSetting_namesItsKey() throws Exception {
    try (ApiFixture api = ApiFixture.start(temp.resolve("fixture"))) {
      Path config = Files.writeString(temp.resolve("consumer.yml"), api("port: http\n"));
      ConfigurationException e =
          assertThrows(ConfigurationException.class, () -> api.startAnother(config, api.services));
      assertTrue(e.getMessage().startsWith("alize.consumer.api.port: "), e.getMessage());
      Path host =
          Files.writeString(temp.resolve("host.yml"), api("port: 0\nhost: no.such.host.invalid\n"));
      e = assertThrows(ConfigurationException.class, () -> api.startAnother(host, api.services));
      assertTrue(e.getMessage().startsWith("alize.consumer.api.host: "), e.getMessage());
    }
  }

  @Test
  void busyPort_isOneClearError() throws Exception {
    try (ApiFixture api = ApiFixture.start(temp.resolve("fixture"));
        ServerSocket busy = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Path config =
          Files.writeString(
              temp.resolve("consumer.yml"), api("port: " + busy.getLocalPort() + "\n"));
      ApiStartException e =
          assertThrows(ApiStartException.class, () -> api.startAnother(config, api.services));
      assertEquals(
          "cannot start the admin API on 127.0.0.1:"
              + busy.getLocalPort()
              + ": the port is already in use",
          e.getMessage());
    }
  }

  /** A configuration that serve accepts: one repository, the embedded database. */
  private Path serveConfig(String api) throws IOException {
    Files.writeString(temp.resolve("root.json"), "{}");
    return Files.writeString(
        temp.resolve("consumer.yml"),
        "alize:\n  consumer:\n    repositories:\n      upstream:\n"
            + "        url: https://models.example\n        trusted-root: root.json\n"
            + "    api:\n"
            + api.indent(6));
  }

  @Test
  void serve_onABusyPort_printsOneLineAndExits1() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Path config = serveConfig("port: " + busy.getLocalPort() + "\n");
      // Nothing is logged besides the one line: the log goes to the process's standard error.
      java.io.PrintStream stderr = System.err;
      java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
      CommandRun run;
      System.setErr(new java.io.PrintStream(logged, true, java.nio.charset.StandardCharsets.UTF_8));
      try {
        run = run("serve", "--config", config.toString());
      } finally {
        System.setErr(stderr);
      }
      assertEquals("", logged.toString(java.nio.charset.StandardCharsets.UTF_8));
      assertEquals(1, run.exit(), run.err());
      assertEquals(
          "cannot start the admin API on 127.0.0.1:"
              + busy.getLocalPort()
              + ": the port is already in use\n",
          run.err());
      assertEquals("", run.out());
    }
  }

  @Test
  void serve_withABadApiSetting_isAConfigurationError() throws Exception {
    Path config = serveConfig("admins:\n  alice:\n    token-sha256: nope\n");
    CommandRun run = run("serve", "--config", config.toString());
    assertEquals(1, run.exit(), run.err());
    assertTrue(
        run.err().startsWith("configuration error: alize.consumer.api.admins.alice.token-sha256: "),
        run.err());
    assertEquals(1, run.err().lines().count(), run.err());
  }

  @Test
  void newToken_printsATokenOnce_andTheLineThatLetsTheApiAcceptIt() throws Exception {
    CommandRun run = run("new-token", "carol");
    assertEquals(0, run.exit(), run.err());
    Matcher token = Pattern.compile("(?m)^token: ([A-Za-z0-9_-]{43})$").matcher(run.out());
    assertTrue(token.find(), run.out());
    Matcher line =
        Pattern.compile(
                "(?m)^alize\\.consumer\\.api\\.admins\\.carol\\.token-sha256: ([0-9a-f]{64})$")
            .matcher(run.out());
    assertTrue(line.find(), run.out());
    assertEquals(TokenValue.sha256Hex(token.group(1)), line.group(1));
    assertFalse(run.out().contains(token.group(1) + "\n" + token.group(1)));

    // The printed line, added to a configuration file, lets carol in, as carol.
    String config =
        api("port: 0\n")
            + line.group(0)
            + "\nalize.consumer.repositories.upstream.url: https://models.example\n"
            + "alize.consumer.repositories.upstream.trusted-root: root.json\n";
    try (ApiFixture api = ApiFixture.start(temp, config)) {
      assertEquals(List.of("carol"), api.server.admins());
      HttpResponse<String> response =
          api.send(
              "POST",
              "/api/v1/approvals",
              token.group(1),
              "{\"datasource\": \"eole\", \"version\": \"2.0.0\"}");
      assertEquals(200, response.statusCode(), response::body);
      assertEquals(401, api.get("/api/v1/status", api.aliceToken).statusCode());
    }
  }

  @Test
  void newToken_refusesAnInvalidName() {
    CommandRun run = run("new-token", "Carol");
    assertEquals(2, run.exit());
    assertTrue(run.err().startsWith("usage error: NAME: invalid admin name 'Carol'"), run.err());
    assertEquals("", run.out());
  }
}
