package dev.alize.common.report;

import dev.alize.common.crypto.Ed25519SigningKey;
import dev.alize.common.crypto.PublicKey;
import java.util.Base64;

/**
 * How a report is signed: the site's Ed25519 key over the exact bytes of the body, sent in base64
 * in the {@value #SIGNATURE} header beside the site's identity in {@value #SITE}. Nothing in the
 * body needs to be made canonical, since the bytes signed are the bytes sent.
 */
public final class ReportSignature {

  /** The header naming the site that signed. */
  public static final String SITE = "Alize-Site";

  /** The header holding the signature. */
  public static final String SIGNATURE = "Alize-Signature";

  /** The longest signature header read: an Ed25519 signature is 88 base64 characters. */
  private static final int MAX_HEADER = 200;

  private ReportSignature() {}

  public static String sign(Ed25519SigningKey key, byte[] body) {
    return Base64.getEncoder().encodeToString(key.sign(body));
  }

  /** Whether {@code signature} (the header's value) is the site key's over {@code body}. */
  public static boolean verify(PublicKey key, byte[] body, String signature) {
    if (signature == null || signature.length() > MAX_HEADER) {
      return false;
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(signature.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return key.verify(body, raw);
  }
}
