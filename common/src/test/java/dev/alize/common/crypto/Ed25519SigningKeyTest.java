package dev.alize.common.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Ed25519SigningKeyTest {

  // RFC 8032, section 7.1, TEST 1.
  private static final String RFC8032_SECRET =
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  private static final String RFC8032_PUBLIC =
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
  private static final String RFC8032_SIGNATURE =
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065"
          + "224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

  /** The PKCS#8 prefix of an ed25519 private key, as RFC 8410 section 10.3 shows it. */
  private static final String PKCS8_ED25519_PREFIX = "302e020100300506032b657004220420";

  private static final char[] PASSPHRASE = "correct horse".toCharArray();
  private static final byte[] MESSAGE = "targets".getBytes(UTF_8);

  private static Ed25519SigningKey key;
  private static String encryptedPem;

  @BeforeAll
  static void encryptOnce() {
    // PBKDF2 with 600 000 iterations is slow: encrypt once for all tests.
    key = Ed25519SigningKey.generate(new SecureRandom());
    encryptedPem = key.toPem(PASSPHRASE);
  }

  @Test
  void fromPem_readsRfc8032SecretAndSignsItsTestVector() {
    Ed25519SigningKey rfc = Ed25519SigningKey.fromPem(pem(RFC8032_SECRET), null);

    assertEquals(RFC8032_PUBLIC, rfc.publicKey().publicValue());
    assertEquals(RFC8032_SIGNATURE, HexFormat.of().formatHex(rfc.sign(new byte[0])));
  }

  @Test
  void keyId_isThePublicKeysId() {
    assertEquals(key.publicKey().keyId(), key.keyId());
  }

  @Test
  void toPem_withoutPassphraseRoundTrips() {
    String pem = key.toPem(null);

    Ed25519SigningKey read = Ed25519SigningKey.fromPem(pem, null);

    assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), pem);
    assertEquals(key.keyId(), read.keyId());
    assertArrayEquals(key.sign(MESSAGE), read.sign(MESSAGE));
  }

  @Test
  void toPem_writesRfc8410sFormWithoutThePublicKey() {
    Ed25519SigningKey rfc = Ed25519SigningKey.fromPem(pem(RFC8032_SECRET), null);

    assertEquals(pem(RFC8032_SECRET), rfc.toPem(null));
  }

  @Test
  void toPem_withEmptyPassphraseIsNotEncrypted() {
    assertTrue(key.toPem(new char[0]).startsWith("-----BEGIN PRIVATE KEY-----\n"));
  }

  @Test
  void toPem_withPassphraseRoundTrips() {
    Ed25519SigningKey read = Ed25519SigningKey.fromPem(encryptedPem, PASSPHRASE);

    assertTrue(encryptedPem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
    assertEquals(key.keyId(), read.keyId());
    assertArrayEquals(key.sign(MESSAGE), read.sign(MESSAGE));
  }

  @Test
  void fromPem_refusesWrongPassphrase() {
    KeyException e =
        assertThrows(
            KeyException.class,
            () -> Ed25519SigningKey.fromPem(encryptedPem, "wrong horse".toCharArray()));

    assertEquals("wrong passphrase, or a damaged key", e.getMessage());
  }

  @Test
  void fromPem_refusesEncryptedKeyWithoutPassphrase() {
    KeyException e =
        assertThrows(KeyException.class, () -> Ed25519SigningKey.fromPem(encryptedPem, null));

    assertEquals("the key is encrypted: set ALIZE_KEY_PASSPHRASE", e.getMessage());
  }

  @Test
  void fromPem_refusesEncryptedKeyWithEmptyPassphrase() {
    KeyException e =
        assertThrows(
            KeyException.class, () -> Ed25519SigningKey.fromPem(encryptedPem, new char[0]));

    assertEquals("the key is encrypted: set ALIZE_KEY_PASSPHRASE", e.getMessage());
  }

  @Test
  void fromPem_refusesRsaKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8)
            + "\n-----END PRIVATE KEY-----\n";

    KeyException e = assertThrows(KeyException.class, () -> Ed25519SigningKey.fromPem(pem, null));

    assertEquals("not an ed25519 key", e.getMessage());
  }

  @Test
  void fromPem_refusesPublicKey() {
    String pem = PublicKeyTest.pem(ecPublicKey());

    KeyException e = assertThrows(KeyException.class, () -> Ed25519SigningKey.fromPem(pem, null));

    assertEquals("not a PKCS#8 private key", e.getMessage());
  }

  @Test
  void fromPem_refusesGarbage() {
    KeyException e =
        assertThrows(
            KeyException.class, () -> Ed25519SigningKey.fromPem("this is not a key", null));

    assertEquals("not a PKCS#8 private key", e.getMessage());
  }

  @Test
  void fromPem_refusesDamagedBase64() {
    String pem = "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n";

    KeyException e = assertThrows(KeyException.class, () -> Ed25519SigningKey.fromPem(pem, null));

    assertTrue(e.getMessage().startsWith("not a PEM private key: "), e.getMessage());
  }

  @Test
  void fromPem_refusesPrivateKeyOfWrongLength() {
    String der = "302d020100300506032b65700421041f" + RFC8032_SECRET.substring(2);
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(der))
            + "\n-----END PRIVATE KEY-----\n";

    KeyException e = assertThrows(KeyException.class, () -> Ed25519SigningKey.fromPem(pem, null));

    assertTrue(e.getMessage().startsWith("not a usable private key: "), e.getMessage());
  }

  private static String pem(String secretHex) {
    byte[] der = HexFormat.of().parseHex(PKCS8_ED25519_PREFIX + secretHex);
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getEncoder().encodeToString(der)
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static java.security.PublicKey ecPublicKey() {
    try {
      return PublicKeyTest.ecKeyPair().getPublic();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
