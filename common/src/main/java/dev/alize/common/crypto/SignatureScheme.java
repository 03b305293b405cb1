package dev.alize.common.crypto;

import java.util.Arrays;
import java.util.Optional;

/**
 * The signature schemes of TUF keys. Alizé signs with ed25519 and verifies the other two, so that
 * repositories made by other TUF tools can be read.
 */
public enum SignatureScheme {
  ED25519("ed25519", "ed25519"),
  ECDSA_P256("ecdsa", "ecdsa-sha2-nistp256"),
  RSA_PSS_SHA256("rsa", "rsassa-pss-sha256");

  private final String keyType;
  private final String scheme;

  SignatureScheme(String keyType, String scheme) {
    this.keyType = keyType;
    this.scheme = scheme;
  }

  public String keyType() {
    return keyType;
  }

  public String scheme() {
    return scheme;
  }

  /** The scheme of a key object; older repositories write the ECDSA key type as its scheme. */
  public static Optional<SignatureScheme> find(String keyType, String scheme) {
    return Arrays.stream(values())
        .filter(s -> s.scheme.equals(scheme))
        .filter(s -> s.keyType.equals(keyType) || (s == ECDSA_P256 && scheme.equals(keyType)))
        .findFirst();
  }
}
