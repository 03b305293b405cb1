package dev.alize.common.token;

import static dev.alize.common.token.ConfiguredTokenTest.KEYS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The configured tokens: which presented value each accepts, and the configurations refused. */
class TokenRegistryTest {

  private static final String ALICE = TokenValue.generate();
  private static final String BOB = TokenValue.generate();

  private static ConfiguredToken token(String name, String value) {
    return ConfiguredToken.parse(KEYS, name, TokenValue.sha256Hex(value));
  }

  private static final TokenRegistry REGISTRY =
      TokenRegistry.of(KEYS, List.of(token("bob", BOB), token("alice", ALICE)));

  @Test
  void find_acceptsEachConfiguredToken_asItsName() {
    assertEquals("alice", REGISTRY.find(ALICE).orElseThrow().name());
    assertEquals("bob", REGISTRY.find(BOB).orElseThrow().name());
  }

  @Test
  void find_refusesTheHashOfAToken() {
    assertTrue(REGISTRY.find(TokenValue.sha256Hex(ALICE)).isEmpty());
    assertTrue(REGISTRY.find(TokenValue.sha256Hex(ALICE).toUpperCase(Locale.ROOT)).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "Bearer", "null", "\u0000"})
  void find_refusesWhatIsNoToken(String presented) {
    assertTrue(REGISTRY.find(presented).isEmpty());
  }

  @Test
  void find_refusesNull() {
    assertTrue(REGISTRY.find(null).isEmpty());
  }

  @Test
  void find_refusesATokenWithBlanksOrAnotherCase() {
    for (String presented :
        new String[] {
          ALICE + " ",
          " " + ALICE,
          ALICE + "\n",
          ALICE.substring(0, 20) + " " + ALICE.substring(20),
          ALICE.toUpperCase(Locale.ROOT),
          ALICE.substring(1),
          ALICE + ALICE
        }) {
      assertTrue(REGISTRY.find(presented).isEmpty(), presented);
    }
  }

  @Test
  void find_refusesUnicodeLookalikes() {
    // Fullwidth letters and a zero-width space hash to other bytes.
    String fullwidth = "\uFF41" + ALICE.substring(1);
    assertTrue(REGISTRY.find(fullwidth).isEmpty());
    assertTrue(REGISTRY.find(ALICE + "\u200B").isEmpty());
  }

  @Test
  void find_aUnicodeTokenIsHashedAsUtf8() {
    TokenRegistry registry = TokenRegistry.of(KEYS, List.of(token("carol", "clé-é")));
    assertEquals("carol", registry.find("clé-é").orElseThrow().name());
    assertTrue(registry.find("cle-e").isEmpty());
  }

  @Test
  void find_aVeryLongHeader_isRefusedWithoutFailing() {
    String huge = "A".repeat(8 * 1024 * 1024);
    assertTrue(REGISTRY.find(huge).isEmpty());
  }

  @Test
  void find_withoutTokens_acceptsNothing() {
    TokenRegistry empty = TokenRegistry.of(KEYS, List.of());
    assertTrue(empty.isEmpty());
    assertTrue(empty.find(ALICE).isEmpty());
    assertEquals(List.of(), empty.names());
  }

  @Test
  void names_areInConfigurationOrder() {
    assertEquals(List.of("bob", "alice"), REGISTRY.names());
    assertTrue(!REGISTRY.isEmpty());
  }

  @Test
  void twoNamesWithOneHash_areRefused_whateverTheCase() {
    String hash = TokenValue.sha256Hex(ALICE);
    TokenConfigurationException e =
        assertThrows(
            TokenConfigurationException.class,
            () ->
                TokenRegistry.of(
                    KEYS,
                    List.of(
                        ConfiguredToken.parse(KEYS, "alice", hash),
                        token("bob", BOB),
                        ConfiguredToken.parse(KEYS, "carol", hash.toUpperCase(Locale.ROOT)))));
    assertEquals("alize.test.api.admins.alice", e.key());
    assertEquals(
        "alize.test.api.admins.alice and alize.test.api.admins.carol have the same token-sha256:"
            + " give each admin a token of their own",
        e.getMessage());
  }
}
