package dev.alize.common.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.codec.CanonicalJson;
import dev.alize.common.codec.Hashes;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * A public key as TUF metadata carries it: {@code keytype}, {@code scheme} and {@code
 * keyval.public}, plus any other field, kept as received because the key id hashes them all.
 *
 * @param json the key object exactly as read or written
 */
public record PublicKey(SignatureScheme scheme, String publicValue, ObjectNode json) {

  private static final int SHA256_LENGTH = 32;
  private static final int MIN_RSA_BITS = 2048;
  private static final int P256_BITS = 256;

  public PublicKey {
    json = json.deepCopy();
  }

  /** An ed25519 key from its 32 raw bytes. */
  public static PublicKey ed25519(byte[] raw) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("keytype", SignatureScheme.ED25519.keyType());
    json.put("scheme", SignatureScheme.ED25519.scheme());
    json.putObject("keyval").put("public", HexFormat.of().formatHex(raw));
    return new PublicKey(SignatureScheme.ED25519, HexFormat.of().formatHex(raw), json);
  }

  /**
   * Reads a key object.
   *
   * @throws KeyException naming the field at fault
   */
  public static PublicKey fromJson(JsonNode node) {
    if (!(node instanceof ObjectNode object)) {
      throw new KeyException("a key must be a JSON object");
    }
    String keyType = text(object, "keytype");
    String scheme = text(object, "scheme");
    JsonNode value = object.path("keyval").path("public");
    if (!value.isTextual()) {
      throw new KeyException("key has no keyval.public string");
    }
    SignatureScheme known =
        SignatureScheme.find(keyType, scheme)
            .orElseThrow(
                () ->
                    new KeyException(
                        "unsupported key type '" + keyType + "' with scheme '" + scheme + "'"));
    return new PublicKey(known, value.textValue(), object);
  }

  private static String text(ObjectNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || !value.isTextual()) {
      throw new KeyException("key has no '" + field + "' string");
    }
    return value.textValue();
  }

  /** The key id: SHA-256 of the canonical JSON of the key object, as TUF defines it. */
  public String keyId() {
    return Hashes.sha256Hex(CanonicalJson.encode(json));
  }

  public ObjectNode toJson() {
    return json.deepCopy();
  }

  /**
   * The key itself, without the fields around it: the same key under two key ids gives the same
   * value.
   *
   * @throws KeyException when the public value cannot be read
   */
  public String material() {
    try {
      byte[] encoded =
          switch (scheme) {
            case ED25519 -> HexFormat.of().parseHex(publicValue);
            case ECDSA_P256 -> KeyFactory.getInstance("EC").generatePublic(spki()).getEncoded();
            case RSA_PSS_SHA256 ->
                KeyFactory.getInstance("RSA").generatePublic(spki()).getEncoded();
          };
      return scheme + ":" + HexFormat.of().formatHex(encoded);
    } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
      throw new KeyException("unreadable " + scheme.keyType() + " public key", e);
    }
  }

  private X509EncodedKeySpec spki() throws IOException {
    return new X509EncodedKeySpec(pemBytes());
  }

  /** Whether {@code signature} is this key's signature of {@code message}; never throws. */
  public boolean verify(byte[] message, byte[] signature) {
    try {
      return switch (scheme) {
        case ED25519 -> verifyEd25519(message, signature);
        case ECDSA_P256 -> verifyJca("EC", "SHA256withECDSA", null, message, signature);
        case RSA_PSS_SHA256 -> verifyRsaPss(message, signature);
      };
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      return false;
    }
  }

  private boolean verifyEd25519(byte[] message, byte[] signature) {
    byte[] raw = HexFormat.of().parseHex(publicValue);
    if (raw.length != Ed25519PublicKeyParameters.KEY_SIZE) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(raw, 0));
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }

  /** Signers differ in the PSS salt length they use; the two in use are tried. */
  private boolean verifyRsaPss(byte[] message, byte[] signature)
      throws GeneralSecurityException, IOException {
    java.security.interfaces.RSAPublicKey key =
        (java.security.interfaces.RSAPublicKey)
            KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pemBytes()));
    if (key.getModulus().bitLength() < MIN_RSA_BITS) {
      return false;
    }
    int maxSalt = (key.getModulus().bitLength() - 2) / 8 + 1 - SHA256_LENGTH - 2;
    for (int salt : new int[] {SHA256_LENGTH, maxSalt}) {
      PSSParameterSpec spec =
          new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, salt, 1);
      if (verifyJca("RSA", "RSASSA-PSS", spec, message, signature)) {
        return true;
      }
    }
    return false;
  }

  private boolean verifyJca(
      String algorithm,
      String signatureAlgorithm,
      PSSParameterSpec spec,
      byte[] message,
      byte[] sig)
      throws GeneralSecurityException, IOException {
    java.security.PublicKey key =
        KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(pemBytes()));
    if (key instanceof java.security.interfaces.ECPublicKey ec
        && ec.getParams().getCurve().getField().getFieldSize() != P256_BITS) {
      // The scheme names P-256; a key on another curve is not this scheme's key.
      return false;
    }
    Signature verifier = Signature.getInstance(signatureAlgorithm);
    if (spec != null) {
      verifier.setParameter(spec);
    }
    verifier.initVerify(key);
    verifier.update(message);
    return verifier.verify(sig);
  }

  private byte[] pemBytes() throws IOException {
    try (PemReader reader = new PemReader(new StringReader(publicValue))) {
      PemObject pem = reader.readPemObject();
      if (pem == null) {
        throw new IOException("not a PEM public key");
      }
      return pem.getContent();
    }
  }
}
