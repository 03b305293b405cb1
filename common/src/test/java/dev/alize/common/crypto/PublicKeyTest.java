package dev.alize.common.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.codec.StrictJson;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PublicKeyTest {

  // RFC 8032, section 7.1, TEST 1: empty message.
  private static final String RFC8032_PUBLIC =
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
  private static final String RFC8032_SIGNATURE =
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065"
          + "224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

  private static final byte[] MESSAGE = "signed metadata".getBytes(UTF_8);

  @Test
  void ed25519_verifiesRfc8032TestVector1() {
    PublicKey key = PublicKey.ed25519(HexFormat.of().parseHex(RFC8032_PUBLIC));

    assertTrue(key.verify(new byte[0], HexFormat.of().parseHex(RFC8032_SIGNATURE)));
  }

  @Test
  void ed25519_refusesRfc8032SignatureOverAnotherMessage() {
    PublicKey key = PublicKey.ed25519(HexFormat.of().parseHex(RFC8032_PUBLIC));

    assertFalse(key.verify(new byte[] {0}, HexFormat.of().parseHex(RFC8032_SIGNATURE)));
  }

  @Test
  void ed25519_signAndVerifyRoundTrip() {
    Ed25519SigningKey signer = Ed25519SigningKey.generate(new SecureRandom());

    assertTrue(signer.publicKey().verify(MESSAGE, signer.sign(MESSAGE)));
  }

  @Test
  void ed25519_flippedBitInMessageFails() {
    Ed25519SigningKey signer = Ed25519SigningKey.generate(new SecureRandom());
    byte[] signature = signer.sign(MESSAGE);
    byte[] tampered = MESSAGE.clone();
    tampered[3] ^= 0x01;

    assertFalse(signer.publicKey().verify(tampered, signature));
  }

  @Test
  void ed25519_flippedBitInSignatureFails() {
    Ed25519SigningKey signer = Ed25519SigningKey.generate(new SecureRandom());
    byte[] signature = signer.sign(MESSAGE);
    signature[10] ^= 0x01;

    assertFalse(signer.publicKey().verify(MESSAGE, signature));
  }

  @Test
  void ed25519_wrongKeyFails() {
    Ed25519SigningKey signer = Ed25519SigningKey.generate(new SecureRandom());
    Ed25519SigningKey other = Ed25519SigningKey.generate(new SecureRandom());

    assertFalse(other.publicKey().verify(MESSAGE, signer.sign(MESSAGE)));
  }

  @Test
  void ed25519_truncatedSignatureFails() {
    Ed25519SigningKey signer = Ed25519SigningKey.generate(new SecureRandom());
    byte[] signature = signer.sign(MESSAGE);

    assertFalse(signer.publicKey().verify(MESSAGE, Arrays.copyOf(signature, 63)));
  }

  @Test
  void keyId_isSha256OfCanonicalKeyObject() throws Exception {
    PublicKey key = PublicKey.ed25519(HexFormat.of().parseHex(RFC8032_PUBLIC));
    String canonical =
        "{\"keytype\":\"ed25519\",\"keyval\":{\"public\":\""
            + RFC8032_PUBLIC
            + "\"},\"scheme\":\"ed25519\"}";

    assertEquals(sha256Hex(canonical), key.keyId());
  }

  @Test
  void keyId_ofParsedKeyIgnoresFieldOrderAndWhiteSpace() throws Exception {
    PublicKey key =
        PublicKey.fromJson(
            json(
                "{ \"scheme\": \"ed25519\", \"keyval\": { \"public\": \""
                    + RFC8032_PUBLIC
                    + "\" }, \"keytype\": \"ed25519\" }"));

    assertEquals(PublicKey.ed25519(HexFormat.of().parseHex(RFC8032_PUBLIC)).keyId(), key.keyId());
  }

  /**
   * python-tuf's test repository lists this key with keyid_hash_algorithms, which is hashed into
   * its key id; php-tuf's KeyDBTest expects the same id.
   */
  @Test
  void keyId_hashesUnknownFields() throws Exception {
    String canonical =
        "{\"keyid_hash_algorithms\":[\"sha256\",\"sha512\"],\"keytype\":\"ed25519\","
            + "\"keyval\":{\"public\":"
            + "\"edcd0a32a07dce33f7c7873aaffbff36d20ea30787574ead335eefd337e4dacd\"},"
            + "\"scheme\":\"ed25519\"}";
    PublicKey key = PublicKey.fromJson(json(canonical));

    assertEquals(sha256Hex(canonical), key.keyId());
    assertEquals("59a4df8af818e9ed7abe0764c0b47b4240952aa0d179b5b78346c470ac30278d", key.keyId());
    assertNotEquals(
        PublicKey.ed25519(
                HexFormat.of()
                    .parseHex("edcd0a32a07dce33f7c7873aaffbff36d20ea30787574ead335eefd337e4dacd"))
            .keyId(),
        key.keyId());
  }

  @Test
  void toJson_keepsUnknownFields() {
    ObjectNode node = PublicKey.ed25519(HexFormat.of().parseHex(RFC8032_PUBLIC)).toJson();
    node.putObject("x-custom").put("owner", "ops");
    ((ObjectNode) node.get("keyval")).put("private", "");

    ObjectNode written = PublicKey.fromJson(node).toJson();

    assertEquals(node, written);
    assertEquals("ops", written.path("x-custom").path("owner").textValue());
    assertEquals("", written.path("keyval").path("private").textValue());
  }

  @Test
  void fromJson_copiesTheNodeItWasGiven() {
    ObjectNode node = PublicKey.ed25519(HexFormat.of().parseHex(RFC8032_PUBLIC)).toJson();
    PublicKey key = PublicKey.fromJson(node);
    String id = key.keyId();

    node.put("added", "later");

    assertEquals(id, key.keyId());
  }

  @Test
  void ecdsaP256_verifiesJcaDerSignature() throws Exception {
    KeyPair pair = ecKeyPair();
    PublicKey key = PublicKey.fromJson(keyJson("ecdsa", "ecdsa-sha2-nistp256", pair));

    assertEquals(SignatureScheme.ECDSA_P256, key.scheme());
    assertTrue(key.verify(MESSAGE, ecdsaSign(pair, MESSAGE)));
  }

  @Test
  void ecdsaP256_acceptsOlderKeyTypeSpelling() throws Exception {
    KeyPair pair = ecKeyPair();
    PublicKey key = PublicKey.fromJson(keyJson("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256", pair));

    assertTrue(key.verify(MESSAGE, ecdsaSign(pair, MESSAGE)));
  }

  @Test
  void ecdsaP256_flippedBitInMessageFails() throws Exception {
    KeyPair pair = ecKeyPair();
    PublicKey key = PublicKey.fromJson(keyJson("ecdsa", "ecdsa-sha2-nistp256", pair));
    byte[] tampered = MESSAGE.clone();
    tampered[0] ^= 0x01;

    assertFalse(key.verify(tampered, ecdsaSign(pair, MESSAGE)));
  }

  @Test
  void ecdsaP256_wrongKeyFails() throws Exception {
    KeyPair pair = ecKeyPair();
    PublicKey other = PublicKey.fromJson(keyJson("ecdsa", "ecdsa-sha2-nistp256", ecKeyPair()));

    assertFalse(other.verify(MESSAGE, ecdsaSign(pair, MESSAGE)));
  }

  @Test
  void rsaPss_verifiesSaltLengthOfTheDigest() throws Exception {
    KeyPair pair = rsaKeyPair();
    PublicKey key = PublicKey.fromJson(keyJson("rsa", "rsassa-pss-sha256", pair));

    assertEquals(SignatureScheme.RSA_PSS_SHA256, key.scheme());
    assertTrue(key.verify(MESSAGE, rsaPssSign(pair, 32, MESSAGE)));
  }

  @Test
  void rsaPss_verifiesMaximumSaltLength() throws Exception {
    KeyPair pair = rsaKeyPair();
    PublicKey key = PublicKey.fromJson(keyJson("rsa", "rsassa-pss-sha256", pair));

    // A 2048-bit modulus gives a 256-byte encoded message: 256 - 32 - 2.
    assertTrue(key.verify(MESSAGE, rsaPssSign(pair, 222, MESSAGE)));
  }

  @Test
  void rsaPss_flippedBitInSignatureFails() throws Exception {
    KeyPair pair = rsaKeyPair();
    PublicKey key = PublicKey.fromJson(keyJson("rsa", "rsassa-pss-sha256", pair));
    byte[] signature = rsaPssSign(pair, 32, MESSAGE);
    signature[100] ^= 0x01;

    assertFalse(key.verify(MESSAGE, signature));
  }

  @Test
  void rsaPss_wrongKeyFails() throws Exception {
    KeyPair pair = rsaKeyPair();
    PublicKey other = PublicKey.fromJson(keyJson("rsa", "rsassa-pss-sha256", rsaKeyPair()));

    assertFalse(other.verify(MESSAGE, rsaPssSign(pair, 32, MESSAGE)));
  }

  @Test
  void verify_ecdsaSignatureUnderAnRsaKeyFailsWithoutThrowing() throws Exception {
    KeyPair ec = ecKeyPair();
    PublicKey rsa = PublicKey.fromJson(keyJson("rsa", "rsassa-pss-sha256", rsaKeyPair()));

    assertFalse(rsa.verify(MESSAGE, ecdsaSign(ec, MESSAGE)));
  }

  @Test
  void verify_pemThatIsNotAKeyFailsWithoutThrowing() throws Exception {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("keytype", "ecdsa");
    node.put("scheme", "ecdsa-sha2-nistp256");
    node.putObject("keyval").put("public", "not a PEM");

    assertFalse(PublicKey.fromJson(node).verify(MESSAGE, new byte[64]));
  }

  @Test
  void fromJson_refusesUnsupportedKeyTypeAndSchemePair() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("keytype", "rsa");
    node.put("scheme", "ed25519");
    node.putObject("keyval").put("public", RFC8032_PUBLIC);

    KeyException e = assertThrows(KeyException.class, () -> PublicKey.fromJson(node));

    assertEquals("unsupported key type 'rsa' with scheme 'ed25519'", e.getMessage());
  }

  @Test
  void fromJson_refusesUnknownScheme() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("keytype", "rsa");
    node.put("scheme", "rsa-pkcs1v15-sha256");
    node.putObject("keyval").put("public", "-----BEGIN PUBLIC KEY-----");

    KeyException e = assertThrows(KeyException.class, () -> PublicKey.fromJson(node));

    assertEquals("unsupported key type 'rsa' with scheme 'rsa-pkcs1v15-sha256'", e.getMessage());
  }

  @Test
  void fromJson_refusesKeyWithoutPublicValue() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("keytype", "ed25519");
    node.put("scheme", "ed25519");
    node.putObject("keyval");

    KeyException e = assertThrows(KeyException.class, () -> PublicKey.fromJson(node));

    assertEquals("key has no keyval.public string", e.getMessage());
  }

  @Test
  void fromJson_refusesKeyWithoutKeyType() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("scheme", "ed25519");
    node.putObject("keyval").put("public", RFC8032_PUBLIC);

    KeyException e = assertThrows(KeyException.class, () -> PublicKey.fromJson(node));

    assertEquals("key has no 'keytype' string", e.getMessage());
  }

  @Test
  void fromJson_refusesNonObject() {
    KeyException e =
        assertThrows(
            KeyException.class,
            () -> PublicKey.fromJson(JsonNodeFactory.instance.textNode(RFC8032_PUBLIC)));

    assertEquals("a key must be a JSON object", e.getMessage());
  }

  @Test
  void material_ignoresFieldsAroundTheKey() {
    PublicKey key = PublicKey.ed25519(HexFormat.of().parseHex(RFC8032_PUBLIC));
    ObjectNode node = key.toJson();
    node.putArray("keyid_hash_algorithms").add("sha256");
    PublicKey alias = PublicKey.fromJson(node);

    assertNotEquals(key.keyId(), alias.keyId());
    assertEquals(key.material(), alias.material());
  }

  @Test
  void material_ignoresPemLineWrapping() throws Exception {
    KeyPair pair = ecKeyPair();
    ObjectNode wrapped = keyJson("ecdsa", "ecdsa-sha2-nistp256", pair);
    ObjectNode oneLine = keyJson("ecdsa", "ecdsa-sha2-nistp256", pair);
    ((ObjectNode) oneLine.get("keyval"))
        .put(
            "public",
            "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----");

    assertNotEquals(PublicKey.fromJson(wrapped).keyId(), PublicKey.fromJson(oneLine).keyId());
    assertEquals(PublicKey.fromJson(wrapped).material(), PublicKey.fromJson(oneLine).material());
  }

  @Test
  void material_differsBetweenKeys() throws Exception {
    assertNotEquals(
        PublicKey.fromJson(keyJson("rsa", "rsassa-pss-sha256", rsaKeyPair())).material(),
        PublicKey.fromJson(keyJson("rsa", "rsassa-pss-sha256", rsaKeyPair())).material());
  }

  @Test
  void material_refusesUnreadableKey() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("keytype", "ecdsa");
    node.put("scheme", "ecdsa-sha2-nistp256");
    node.putObject("keyval").put("public", "not a PEM");

    KeyException e = assertThrows(KeyException.class, () -> PublicKey.fromJson(node).material());

    assertEquals("unreadable ecdsa public key", e.getMessage());
  }

  static KeyPair ecKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  static KeyPair rsaKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  static byte[] ecdsaSign(KeyPair pair, byte[] message) throws GeneralSecurityException {
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(pair.getPrivate());
    signer.update(message);
    return signer.sign();
  }

  static byte[] rsaPssSign(KeyPair pair, int saltLength, byte[] message)
      throws GeneralSecurityException {
    Signature signer = Signature.getInstance("RSASSA-PSS");
    signer.setParameter(
        new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, saltLength, 1));
    signer.initSign(pair.getPrivate());
    signer.update(message);
    return signer.sign();
  }

  /** The public key as PEM SubjectPublicKeyInfo, as securesystemslib writes it. */
  static String pem(java.security.PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  static ObjectNode keyJson(String keyType, String scheme, KeyPair pair) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("keytype", keyType);
    node.put("scheme", scheme);
    node.putObject("keyval").put("public", pem(pair.getPublic()));
    return node;
  }

  private static JsonNode json(String text) {
    return StrictJson.parse(text.getBytes(UTF_8));
  }

  private static String sha256Hex(String text) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
  }
}
