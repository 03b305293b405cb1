package dev.alize.common.token;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A token as a server knows it: the name it was configured under and the SHA-256 of its value. The
 * value itself is never held.
 */
public record ConfiguredToken(String name, byte[] sha256) {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  public ConfiguredToken {
    sha256 = sha256.clone();
  }

  @Override
  public byte[] sha256() {
    return sha256.clone();
  }

  /**
   * The token configured under {@code name} with {@code sha256Hex}, checked: the name by the keys'
   * rule, the hash as 64 hex digits in either case, blanks around it ignored.
   *
   * @throws TokenConfigurationException naming the key at fault
   */
  public static ConfiguredToken parse(TokenKeys keys, String name, String sha256Hex) {
    keys.nameRule()
        .check(name == null ? "" : name)
        .ifPresent(
            problem -> {
              throw TokenConfigurationException.at(
                  keys.anyName(), problem + " (the key under " + keys.section() + ")");
            });
    // The value is never echoed: an operator may have pasted the token itself by mistake.
    String hex = sha256Hex == null ? "" : sha256Hex.strip();
    if (!SHA256_HEX.matcher(hex).matches()) {
      throw TokenConfigurationException.at(keys.hashKeyOf(name), keys.expectedHash().apply(name));
    }
    return new ConfiguredToken(name, HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)));
  }

  /** Whether {@code digest} is this token's hash, compared in constant time. */
  boolean matches(byte[] digest) {
    return MessageDigest.isEqual(sha256, digest);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfiguredToken t && name.equals(t.name) && matches(t.sha256);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return "ConfiguredToken[" + name + "]";
  }
}
