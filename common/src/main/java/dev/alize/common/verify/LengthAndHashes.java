package dev.alize.common.verify;

import dev.alize.common.codec.Hashes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/** Checks bytes against a signed length and signed hashes; every hash given must match. */
public final class LengthAndHashes {

  private LengthAndHashes() {}

  /**
   * @param length null when not signed
   * @param hashes algorithm name (sha256, sha512) to hex digest; may be empty
   * @throws LengthOrHashMismatchException naming what differs
   */
  public static void verify(String role, byte[] bytes, Long length, Map<String, String> hashes) {
    if (length != null && bytes.length != length) {
      throw new LengthOrHashMismatchException(
          role, "length is " + bytes.length + " bytes, the signed length is " + length);
    }
    for (Map.Entry<String, String> h : hashes.entrySet()) {
      MessageDigest digest = digest(role, h.getKey());
      String actual = HexFormat.of().formatHex(digest.digest(bytes));
      if (!actual.equals(h.getValue().toLowerCase(Locale.ROOT))) {
        throw new LengthOrHashMismatchException(
            role, h.getKey() + " is " + actual + ", the signed hash is " + h.getValue());
      }
    }
  }

  /** The digest for a TUF hash algorithm name. */
  public static MessageDigest digest(String role, String algorithm) {
    return switch (algorithm) {
      case "sha256" -> Hashes.digest("SHA-256");
      case "sha512" -> Hashes.digest("SHA-512");
      default ->
          throw new LengthOrHashMismatchException(role, "unsupported hash algorithm " + algorithm);
    };
  }
}
