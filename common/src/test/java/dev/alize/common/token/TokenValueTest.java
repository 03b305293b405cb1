package dev.alize.common.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Token values: how they are made and hashed, in the form configurations already hold. */
class TokenValueTest {

  @Test
  void generate_gives256BitsInUrlSafeBase64WithoutPadding_neverTheSameTwice() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String token = i % 2 == 0 ? TokenValue.generate() : TokenValue.generate(new SecureRandom());
      assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
      assertEquals(32, Base64.getUrlDecoder().decode(token).length);
      assertTrue(seen.add(token), token);
    }
  }

  @Test
  void sha256Hex_isTheHashOfTheTokensText() {
    // printf test | sha256sum
    assertEquals(
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        TokenValue.sha256Hex("test"));
  }

  @Test
  void sha256Hex_hashesUtf8() {
    // printf 'é' | sha256sum: the bytes c3 a9
    assertEquals(
        "4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c",
        TokenValue.sha256Hex("é"));
  }

  @Test
  void sha256_isTheBytesOfTheHex() {
    assertEquals(TokenValue.sha256Hex("x"), HexFormat.of().formatHex(TokenValue.sha256("x")));
  }
}
