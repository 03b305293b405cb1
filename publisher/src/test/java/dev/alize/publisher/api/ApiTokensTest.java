package dev.alize.publisher.api;

import static dev.alize.publisher.cli.SampleDatasources.EOLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.token.TokenValue;
import dev.alize.publisher.cli.PublisherCli;
import dev.alize.publisher.config.ApiTokenConfiguration;
import io.micronaut.context.exceptions.ConfigurationException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Tokens: configured by hash, checked at start, and found; made by new-token. */
class ApiTokensTest {

  private static final Pattern TOKEN =
      Pattern.compile("^token: ([A-Za-z0-9_-]{43})$", Pattern.MULTILINE);

  @TempDir Path temp;

  private static final SecureRandom RANDOM = new SecureRandom();

  private static ApiTokenConfiguration entry(String name, String token, String... datasources) {
    return new ApiTokenConfiguration(name, TokenValue.sha256Hex(token), List.of(datasources));
  }

  @Test
  void find_matchesTheTokenWhoseHashIsConfigured_andNothingElse() {
    String eole = TokenValue.generate(RANDOM);
    String acme = TokenValue.generate(RANDOM);
    ApiTokens tokens =
        new ApiTokens(
            List.of(
                entry("eole-ci", eole, "eole"), entry("acme-ci", acme, "acme-monitoring", "eole")));
    assertEquals("eole-ci", tokens.find(eole).orElseThrow().name());
    assertEquals(List.of("eole"), tokens.find(eole).orElseThrow().datasources());
    assertEquals(List.of("acme-monitoring", "eole"), tokens.find(acme).orElseThrow().datasources());
    assertEquals("token acme-ci", tokens.find(acme).orElseThrow().actor());
    assertTrue(tokens.find(TokenValue.sha256Hex(eole)).isEmpty(), "the hash is not the token");
    assertTrue(tokens.find(eole + " ").isEmpty());
    assertTrue(tokens.find("").isEmpty());
    assertEquals(List.of("eole-ci", "acme-ci"), tokens.names());
  }

  @Test
  void noToken_findsNothing() {
    assertTrue(new ApiTokens(List.of()).find("anything").isEmpty());
  }

  @Test
  void configuredHash_inUppercase_isAccepted() {
    String token = TokenValue.generate(RANDOM);
    ApiTokens tokens =
        new ApiTokens(
            List.of(
                new ApiTokenConfiguration(
                    "ci",
                    TokenValue.sha256Hex(token).toUpperCase(java.util.Locale.ROOT),
                    List.of("eole"))));
    assertTrue(tokens.find(token).isPresent());
  }

  @Test
  void configuredTokenInClear_isRefusedWithoutEchoingIt() {
    String token = TokenValue.generate(RANDOM);
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () ->
                new ApiTokens(
                    List.of(new ApiTokenConfiguration("eole-ci", token, List.of("eole")))));
    assertEquals(
        "alize.publisher.api.tokens.eole-ci.sha256: expected the 64 hex digits of the token's"
            + " SHA-256 (publisher new-token prints it)",
        e.getMessage());
    assertFalse(e.getMessage().contains(token));
  }

  @Test
  void configuration_mistakes_stopTheStartWithTheKey() {
    String hash = TokenValue.sha256Hex("x");
    assertEquals(
        "alize.publisher.api.tokens.ci.sha256: expected the 64 hex digits of the token's SHA-256"
            + " (publisher new-token prints it)",
        refused(new ApiTokenConfiguration("ci", null, List.of("eole"))));
    assertEquals(
        "alize.publisher.api.tokens.ci.datasources: list the datasources this token may publish",
        refused(new ApiTokenConfiguration("ci", hash, null)));
    assertEquals(
        "alize.publisher.api.tokens.ci.datasources: list the datasources this token may publish",
        refused(new ApiTokenConfiguration("ci", hash, List.of())));
    assertTrue(
        refused(new ApiTokenConfiguration("ci", hash, List.of("../eole")))
            .startsWith(
                "alize.publisher.api.tokens.ci.datasources: invalid datasource name '../eole'"));
    assertTrue(
        refused(new ApiTokenConfiguration("CI_Bot", hash, List.of("eole")))
            .startsWith("alize.publisher.api.tokens.*: invalid token name 'CI_Bot'"));
  }

  @Test
  void twoTokensWithOneHash_areRefused() {
    String hash = TokenValue.sha256Hex("x");
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () ->
                new ApiTokens(
                    List.of(
                        new ApiTokenConfiguration("a", hash, List.of("eole")),
                        new ApiTokenConfiguration("b", hash, List.of("acme")))));
    assertEquals(
        "alize.publisher.api.tokens.a and alize.publisher.api.tokens.b have the same sha256:"
            + " give each client its own token",
        e.getMessage());
  }

  private static String refused(ApiTokenConfiguration c) {
    return assertThrows(ConfigurationException.class, () -> new ApiTokens(List.of(c))).getMessage();
  }

  // through the server

  @Test
  void newToken_printsATokenAndAHashThatTheServerAccepts() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = PublisherCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    assertEquals(
        0, cli.execute("new-token", "--name", "eole-ci", "--datasource", "eole"), out::toString);
    String printed = out.toString();
    Matcher m = TOKEN.matcher(printed);
    assertTrue(m.find(), printed);
    String token = m.group(1);
    assertEquals(1, printed.split(token, -1).length - 1, "the token is printed once");
    String yaml = printed.substring(printed.indexOf("alize:"));
    assertTrue(yaml.contains("sha256: " + TokenValue.sha256Hex(token) + "\n"), yaml);

    try (ApiServer api = ApiServer.start(temp, yaml)) {
      String releases = "/api/v1/datasources/eole/releases?version=1.0.0";
      assertEquals(
          401, api.post(releases, TokenValue.generate(RANDOM), TestArchives.of(EOLE)).statusCode());
      var response = api.post(releases, token, TestArchives.of(EOLE));
      assertEquals(201, response.statusCode(), response::body);
      assertTrue(api.auditLog().contains("\"actor\":\"token eole-ci\""));
    }
  }

  @Test
  void withoutTokens_theWriteApiRefusesEverything_andTheRestIsServed() throws Exception {
    try (ApiServer api = ApiServer.start(temp, "alize:\n  publisher:\n    api: {}\n")) {
      var before = api.files();
      for (String token : new String[] {null, api.eoleToken, ""}) {
        var refused =
            api.post(
                "/api/v1/datasources/eole/releases?version=1.0.0", token, TestArchives.of(EOLE));
        assertEquals(401, refused.statusCode());
        assertTrue(refused.body().contains("no token is configured"), refused::body);
        assertTrue(refused.body().contains("publisher new-token"), refused::body);
        assertEquals(
            401,
            api.post("/api/v1/datasources/eole/releases/1.0.0/revoke?reason=x", token)
                .statusCode());
      }
      assertEquals(before, api.files());
      assertEquals(200, api.get("/api/v1/datasources").statusCode());
      assertEquals(200, api.get("/metadata/timestamp.json").statusCode());
      assertEquals(200, api.get("/health").statusCode());
    }
  }
}
