package dev.alize.publisher.api;

import dev.alize.common.codec.Hashes;
import dev.alize.common.datasource.Names;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A token of the write API as the server knows it: its name, the SHA-256 of its value, and the
 * datasources it may touch. The value itself is shown once, when made, and never stored.
 */
public record ApiToken(String name, byte[] sha256, List<String> datasources) {

  /** Names become configuration keys, which Micronaut lower-cases: so lowercase only. */
  public static final Names.Rule NAME =
      new Names.Rule(
          "token",
          Pattern.compile("[a-z0-9][a-z0-9-]*"),
          "use lowercase letters, digits and '-', starting with a letter or digit, at most 63"
              + " characters");

  private static final int RANDOM_BYTES = 32;

  public ApiToken {
    sha256 = sha256.clone();
    datasources = List.copyOf(datasources);
  }

  @Override
  public byte[] sha256() {
    return sha256.clone();
  }

  /** Who acts, for the audit log. */
  public String actor() {
    return actor(name);
  }

  static String actor(String name) {
    return "token " + name;
  }

  /** A new token value: 256 random bits, URL-safe base64 without padding. */
  public static String generate(SecureRandom random) {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The SHA-256 of a token value, in lowercase hex, as the configuration holds it. */
  public static String sha256Hex(String value) {
    return HexFormat.of().formatHex(digest(value));
  }

  static byte[] digest(String value) {
    return Hashes.digest("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
  }
}
