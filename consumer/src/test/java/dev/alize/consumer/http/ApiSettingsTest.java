package dev.alize.consumer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.token.TokenValue;
import dev.alize.consumer.config.CheckedContexts;
import dev.alize.consumer.config.ConfigurationException;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The API's settings and admins as configured: each mistake is refused naming its key. */
class ApiSettingsTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The settings of a configuration with these keys under alize.consumer.api, null left out. */
  private static ApiSettings settings(String enabled, String host, String port) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("alize.consumer.api.enabled", enabled);
    properties.put("alize.consumer.api.host", host);
    properties.put("alize.consumer.api.port", port);
    properties.values().removeIf(Objects::isNull);
    return settings(properties);
  }

  /** The settings of a configuration file in the current folder with these keys. */
  static ApiSettings settings(Map<String, Object> properties) {
    try (ApplicationContext context = CheckedContexts.start(properties)) {
      return ApiSettings.from(
          context.getBean(ApiProperties.class),
          context.getBeansOfType(AdminProperties.class),
          context.getBean(ApiTlsProperties.class),
          Path.of("").toAbsolutePath());
    }
  }

  private static void refused(String key, Runnable configure) {
    ConfigurationException e = assertThrows(ConfigurationException.class, configure::run);
    assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
  }

  @Test
  void defaults_areEnabledOnLocalhost8480WithNoAdmin() {
    ApiSettings s = settings(null, null, null);
    assertTrue(s.enabled());
    assertEquals("127.0.0.1", s.host());
    assertEquals(8480, s.port());
    assertTrue(s.admins().isEmpty());
    assertFalse(s.tls().enabled(), "plain HTTP on loopback, as before TLS existed");
  }

  @Test
  void values_areRead() {
    ApiSettings s = settings("false", " 0.0.0.0 ", "0");
    assertFalse(s.enabled());
    assertEquals("0.0.0.0", s.host());
    assertEquals(0, s.port());
    assertFalse(s.tls().enabled(), "a disabled API reads no TLS setting");
    assertEquals(65535, settings("TRUE", "::1", "65535").port());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "65536", "http", "80.5", "", "99999999999"})
  void port_outOfRange_namesTheKey(String port) {
    refused("alize.consumer.api.port", () -> settings(null, null, port));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "1", "", "on"})
  void enabled_thatIsNotABoolean_namesTheKey(String enabled) {
    refused("alize.consumer.api.enabled", () -> settings(enabled, null, null));
  }

  @Test
  void host_empty_namesTheKey() {
    refused("alize.consumer.api.host", () -> settings(null, "  ", null));
  }

  @Test
  void admins_findTheirTokenOnly() {
    String alice = TokenValue.generate(RANDOM);
    String bob = TokenValue.generate(RANDOM);
    AdminTokens admins =
        AdminTokens.from(
            List.of(
                new AdminProperties("bob", TokenValue.sha256Hex(bob).toUpperCase(Locale.ROOT)),
                new AdminProperties("alice", " " + TokenValue.sha256Hex(alice) + " ")));
    assertEquals(List.of("alice", "bob"), admins.names());
    assertEquals("alice", admins.find(alice).orElseThrow().name());
    assertEquals("bob", admins.find(bob).orElseThrow().name());
    assertTrue(admins.find(TokenValue.sha256Hex(alice)).isEmpty());
    assertTrue(admins.find("").isEmpty());
    assertTrue(admins.find(alice + " ").isEmpty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "abc",
        "zz",
        "not-hex-at-all-but-64-characters-long-xxxxxxxxxxxxxxxxxxxxxxxxxxx"
      })
  void admin_withABadHash_namesTheKey_andDoesNotEchoTheValue(String hash) {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> AdminTokens.from(List.of(new AdminProperties("alice", hash))));
    assertTrue(
        e.getMessage().startsWith("alize.consumer.api.admins.alice.token-sha256: "),
        e.getMessage());
    assertTrue(e.getMessage().contains("consumer new-token alice"), e.getMessage());
    if (!hash.isEmpty()) {
      assertFalse(e.getMessage().contains(hash), e.getMessage());
    }
  }

  @Test
  void admin_withoutAHash_namesTheKey() {
    refused(
        "alize.consumer.api.admins.alice.token-sha256",
        () -> AdminTokens.from(List.of(new AdminProperties("alice", null))));
  }

  @Test
  void admin_pastingTheTokenItself_isRefusedWithoutEchoingIt() {
    String token = TokenValue.generate(RANDOM);
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> AdminTokens.from(List.of(new AdminProperties("alice", token))));
    assertFalse(e.getMessage().contains(token), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Alice", "-alice", "al ice", "al.ice"})
  void admin_withAnInvalidName_namesTheKey(String name) {
    refused(
        "alize.consumer.api.admins.*",
        () ->
            AdminTokens.from(
                List.of(
                    new AdminProperties(name, TokenValue.sha256Hex(TokenValue.generate(RANDOM))))));
  }

  @Test
  void twoAdmins_withOneToken_areRefused() {
    String hash = TokenValue.sha256Hex(TokenValue.generate(RANDOM));
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () ->
                AdminTokens.from(
                    List.of(
                        new AdminProperties("alice", hash),
                        new AdminProperties("bob", hash.toUpperCase(Locale.ROOT)))));
    assertEquals(
        "alize.consumer.api.admins.alice and alize.consumer.api.admins.bob have the same"
            + " token-sha256: give each admin a token of their own (consumer new-token NAME)",
        e.getMessage());
  }
}
