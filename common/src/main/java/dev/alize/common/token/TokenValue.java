package dev.alize.common.token;

import dev.alize.common.codec.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A bearer token's value: 256 random bits in URL-safe base64 without padding, 43 characters. A
 * server knows it only by the SHA-256 of its UTF-8 text; the value is shown once, when made.
 */
public final class TokenValue {

  private static final int RANDOM_BYTES = 32;

  private TokenValue() {}

  /**
   * Made on first use: a SecureRandom loads the JDK's security providers, which a server that only
   * checks tokens, and a command's {@code --help}, never need.
   */
  private static final class Random {
    static final SecureRandom INSTANCE = new SecureRandom();
  }

  /** A new token value. */
  public static String generate() {
    return generate(Random.INSTANCE);
  }

  public static String generate(SecureRandom random) {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The SHA-256 of a token value's UTF-8 text. */
  public static byte[] sha256(String value) {
    return Hashes.digest("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
  }

  /** The SHA-256 of a token value in lowercase hex, as a configuration holds it. */
  public static String sha256Hex(String value) {
    return HexFormat.of().formatHex(sha256(value));
  }
}
