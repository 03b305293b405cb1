package dev.alize.consumer.http;

import dev.alize.common.codec.Hashes;
import dev.alize.common.datasource.Names;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * An admin of the API as the server knows it: a name and the SHA-256 of the admin's token. The
 * token itself is shown once, when made, and never stored.
 */
public record AdminToken(String name, byte[] sha256) {

  /** Names become configuration keys, which Micronaut lower-cases: so lowercase only. */
  public static final Names.Rule NAME =
      new Names.Rule(
          "admin",
          Pattern.compile("[a-z0-9][a-z0-9-]*"),
          "use lowercase letters, digits and '-', starting with a letter or digit, at most 63"
              + " characters");

  private static final int RANDOM_BYTES = 32;

  public AdminToken {
    sha256 = sha256.clone();
  }

  @Override
  public byte[] sha256() {
    return sha256.clone();
  }

  /** A new token: 256 random bits, URL-safe base64 without padding. */
  public static String generate(SecureRandom random) {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The SHA-256 of a token, in lowercase hex, as the configuration holds it. */
  public static String sha256Hex(String token) {
    return HexFormat.of().formatHex(digest(token));
  }

  static byte[] digest(String token) {
    return Hashes.digest("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
  }
}
