package dev.alize.common.verify;

import dev.alize.common.codec.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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
    Map<String, MessageDigest> digests = digests(role, hashes);
    digests.values().forEach(d -> d.update(bytes));
    check(role, bytes.length, digests, length, hashes);
  }

  /**
   * As {@link #verify(String, byte[], Long, Map)}, for a file read a buffer at a time: a large
   * target is never held in memory.
   *
   * @throws IOException when the file cannot be read
   */
  public static void verify(String role, Path file, Long length, Map<String, String> hashes)
      throws IOException {
    Map<String, MessageDigest> digests = digests(role, hashes);
    long size = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        size += n;
        for (MessageDigest d : digests.values()) {
          d.update(buffer, 0, n);
        }
      }
    }
    check(role, size, digests, length, hashes);
  }

  private static Map<String, MessageDigest> digests(String role, Map<String, String> hashes) {
    Map<String, MessageDigest> digests = new LinkedHashMap<>();
    hashes.keySet().forEach(algorithm -> digests.put(algorithm, digest(role, algorithm)));
    return digests;
  }

  private static void check(
      String role,
      long actualLength,
      Map<String, MessageDigest> digests,
      Long length,
      Map<String, String> hashes) {
    if (length != null && actualLength != length) {
      throw new LengthOrHashMismatchException(
          role, "length is " + actualLength + " bytes, the signed length is " + length);
    }
    for (Map.Entry<String, MessageDigest> d : digests.entrySet()) {
      String actual = HexFormat.of().formatHex(d.getValue().digest());
      String signed = hashes.get(d.getKey());
      if (!actual.equals(signed.toLowerCase(Locale.ROOT))) {
        throw new LengthOrHashMismatchException(
            role, d.getKey() + " is " + actual + ", the signed hash is " + signed);
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
