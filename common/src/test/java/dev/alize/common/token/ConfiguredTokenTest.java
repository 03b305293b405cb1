package dev.alize.common.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** A configured name and hash: what is accepted, and each refusal naming its key. */
class ConfiguredTokenTest {

  static final TokenKeys KEYS =
      new TokenKeys(
          "alize.test.api.admins",
          "token-sha256",
          "admin",
          name ->
              "expected the 64 hex digits of the SHA-256, as 'test new-token " + name + "' prints",
          "give each admin a token of their own");

  private static final String HASH = TokenValue.sha256Hex("x");

  @Test
  void parse_keepsTheNameAndTheHashBytes() {
    ConfiguredToken token = ConfiguredToken.parse(KEYS, "alice", HASH);
    assertEquals("alice", token.name());
    assertArrayEquals(TokenValue.sha256("x"), token.sha256());
  }

  @Test
  void parse_acceptsUppercaseHex_andBlanksAround() {
    ConfiguredToken lower = ConfiguredToken.parse(KEYS, "alice", HASH);
    assertEquals(lower, ConfiguredToken.parse(KEYS, "alice", HASH.toUpperCase(Locale.ROOT)));
    assertEquals(lower, ConfiguredToken.parse(KEYS, "alice", " \t" + HASH + "\n"));
  }

  @Test
  void sha256_cannotBeChangedFromOutside() {
    ConfiguredToken token = ConfiguredToken.parse(KEYS, "alice", HASH);
    token.sha256()[0] ^= 1;
    assertArrayEquals(TokenValue.sha256("x"), token.sha256());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "   ",
        "abc",
        // 63 and 65 digits
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0",
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a088",
        // 64 characters, not hex
        "zz86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "0x86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        // a blank inside
        "9f86d081884c7d659a2feaa0c55ad015 3bf4f1b2b0b822cd15d6c15b0f00a08",
        // digits of other scripts, and fullwidth letters, are no hex digits
        "٩f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "ｆf86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        // a token pasted in place of its hash
        "kq3T1xVYdRG2yV8m1hJw7s0b9cUeLrPq4aZf6nWoXtE"
      })
  void parse_refusesWhatIsNot64HexDigits_namingTheKey_withoutEchoingIt(String hash) {
    TokenConfigurationException e =
        assertThrows(
            TokenConfigurationException.class, () -> ConfiguredToken.parse(KEYS, "alice", hash));
    assertEquals("alize.test.api.admins.alice.token-sha256", e.key());
    assertEquals(
        "alize.test.api.admins.alice.token-sha256: expected the 64 hex digits of the SHA-256, as"
            + " 'test new-token alice' prints",
        e.getMessage());
    if (hash != null && !hash.isBlank()) {
      assertFalse(e.getMessage().contains(hash.strip()), e.getMessage());
    }
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "Alice",
        "-alice",
        "al ice",
        "al.ice",
        "al_ice",
        "alicé",
        "alice\n",
        "a234567890123456789012345678901234567890123456789012345678901234"
      })
  void parse_refusesAnInvalidName_namingTheKeyUnderWhichNamesAre(String name) {
    TokenConfigurationException e =
        assertThrows(
            TokenConfigurationException.class, () -> ConfiguredToken.parse(KEYS, name, HASH));
    assertEquals("alize.test.api.admins.*", e.key());
    assertTrue(
        e.getMessage().startsWith("alize.test.api.admins.*: invalid admin name '"), e.getMessage());
    assertTrue(e.getMessage().endsWith(" (the key under admins)"), e.getMessage());
  }

  @Test
  void parse_acceptsNamesOfLowercaseLettersDigitsAndDashes_upTo63() {
    for (String name :
        new String[] {
          "a", "0", "eole-ci", "a23456789012345678901234567890123456789012345678901234567890123"
        }) {
      assertEquals(name, ConfiguredToken.parse(KEYS, name, HASH).name());
    }
  }

  @Test
  void theNameIsCheckedBeforeTheHash() {
    TokenConfigurationException e =
        assertThrows(
            TokenConfigurationException.class, () -> ConfiguredToken.parse(KEYS, "A", "nope"));
    assertEquals("alize.test.api.admins.*", e.key());
  }

  @Test
  void toString_showsTheNameOnly() {
    assertEquals("ConfiguredToken[alice]", ConfiguredToken.parse(KEYS, "alice", HASH).toString());
  }
}
