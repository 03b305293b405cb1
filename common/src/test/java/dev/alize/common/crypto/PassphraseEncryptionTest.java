package dev.alize.common.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.asn1.misc.ScryptParams;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PassphraseEncryptionTest {

  /** The public value of RFC 8032's first test key, which the stored legacy file holds. */
  private static final String RFC8032_PUBLIC =
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

  private static final char[] PASSPHRASE = "pässwörd€".toCharArray();

  private static Ed25519SigningKey key;
  private static String pem;

  @BeforeAll
  static void encryptOnce() {
    key = Ed25519SigningKey.generate(new SecureRandom());
    pem = key.toPem(PASSPHRASE);
  }

  @Test
  void anEncryptedKeyIsPbes2WithPbkdf2HmacSha256AndAes256Cbc() throws IOException {
    PBES2Parameters scheme = scheme(parse(pem));
    PBKDF2Params kdf = PBKDF2Params.getInstance(scheme.getKeyDerivationFunc().getParameters());

    assertEquals(PKCSObjectIdentifiers.id_PBKDF2, scheme.getKeyDerivationFunc().getAlgorithm());
    assertEquals(PKCSObjectIdentifiers.id_hmacWithSHA256, kdf.getPrf().getAlgorithm());
    assertEquals(600_000, kdf.getIterationCount().intValueExact());
    assertEquals(16, kdf.getSalt().length);
    assertEquals(NISTObjectIdentifiers.id_aes256_CBC, scheme.getEncryptionScheme().getAlgorithm());
    assertEquals(16, iv(scheme).length);
  }

  @Test
  void eachEncryptionHasItsOwnSaltAndIv() throws IOException {
    PBES2Parameters again = scheme(parse(key.toPem(PASSPHRASE)));
    PBES2Parameters first = scheme(parse(pem));

    assertFalse(
        Arrays.equals(
            PBKDF2Params.getInstance(first.getKeyDerivationFunc().getParameters()).getSalt(),
            PBKDF2Params.getInstance(again.getKeyDerivationFunc().getParameters()).getSalt()));
    assertFalse(Arrays.equals(iv(first), iv(again)));
  }

  @Test
  void thePassphraseIsDerivedInUtf8_asOpenSslDoes() throws Exception {
    // Derived again by Bouncy Castle's own PBKDF2, over the passphrase's UTF-8 bytes.
    PKCS8EncryptedPrivateKeyInfo encrypted = parse(pem);
    PBES2Parameters scheme = scheme(encrypted);
    PBKDF2Params kdf = PBKDF2Params.getInstance(scheme.getKeyDerivationFunc().getParameters());
    PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
    generator.init(
        new String(PASSPHRASE).getBytes(UTF_8),
        kdf.getSalt(),
        kdf.getIterationCount().intValueExact());
    byte[] derived = ((KeyParameter) generator.generateDerivedParameters(256)).getKey();
    Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
    aes.init(
        Cipher.DECRYPT_MODE, new SecretKeySpec(derived, "AES"), new IvParameterSpec(iv(scheme)));

    PrivateKeyInfo info = PrivateKeyInfo.getInstance(aes.doFinal(encrypted.getEncryptedData()));

    assertArrayEquals(
        Ed25519SigningKey.fromPem(pem, PASSPHRASE).sign(new byte[0]),
        Ed25519SigningKey.fromPem(clearPem(info.getEncoded()), null).sign(new byte[0]));
  }

  @Test
  void anEncryptedKeyIsReadByBouncyCastlesProvider() throws Exception {
    char[] ascii = "correct horse".toCharArray();
    String written = key.toPem(ascii);

    PrivateKeyInfo info =
        parse(written)
            .decryptPrivateKeyInfo(
                new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(new BouncyCastleProvider())
                    .build(ascii));

    assertEquals(key.keyId(), Ed25519SigningKey.fromPem(clearPem(info.getEncoded()), null).keyId());
  }

  @Test
  void aKeyWrittenBefore_hmacSha1AndThePassphraseCutToEightBits_isStillRead() throws IOException {
    String legacy;
    try (InputStream in = getClass().getResourceAsStream("rfc8032-key-pbkdf2-sha1.pem")) {
      legacy = new String(in.readAllBytes(), UTF_8);
    }
    PBKDF2Params kdf =
        PBKDF2Params.getInstance(scheme(parse(legacy)).getKeyDerivationFunc().getParameters());

    Ed25519SigningKey read = Ed25519SigningKey.fromPem(legacy, PASSPHRASE);

    assertTrue(kdf.isDefaultPrf());
    assertEquals(RFC8032_PUBLIC, read.publicKey().publicValue());
    KeyException wrong =
        assertThrows(
            KeyException.class, () -> Ed25519SigningKey.fromPem(legacy, "passwörd".toCharArray()));
    assertEquals("wrong passphrase, or a damaged key", wrong.getMessage());
  }

  @Test
  void aFileAskingForMoreIterationsThanTheBound_isRefusedBeforeDeriving() throws Exception {
    AlgorithmIdentifier sha256 =
        new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);
    for (AlgorithmIdentifier prf : new AlgorithmIdentifier[] {sha256, null}) {
      for (int iterations :
          new int[] {Integer.MAX_VALUE, PassphraseEncryption.MAX_ITERATIONS + 1}) {
        String hostile =
            crafted(prf, iterations, null, NISTObjectIdentifiers.id_aes256_CBC, new byte[16], 32);

        String refused = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refusal(hostile));

        assertEquals(
            "the key asks for more than 5000000 iterations of PBKDF2, which are all that are read",
            refused);
      }
      assertEquals(
          "a damaged key: its count of PBKDF2 iterations is not positive",
          refusal(crafted(prf, 0, null, NISTObjectIdentifiers.id_aes256_CBC, new byte[16], 32)));
    }
  }

  @Test
  void damagedParameters_areRefusedWithAMessage() throws Exception {
    AlgorithmIdentifier sha256 =
        new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);
    ASN1ObjectIdentifier aes256 = NISTObjectIdentifiers.id_aes256_CBC;
    String keyLength = crafted(sha256, 1000, 16, aes256, new byte[16], 32);
    String shortIv = crafted(sha256, 1000, null, aes256, new byte[5], 32);
    String truncated = crafted(sha256, 1000, null, aes256, new byte[16], 7);

    assertEquals(
        "a damaged key: the length of its derived key is not the 32 bytes of its cipher",
        refusal(keyLength));
    assertEquals("wrong passphrase, or a damaged key", refusal(shortIv));
    assertEquals("wrong passphrase, or a damaged key", refusal(truncated));
  }

  @Test
  void malformedStructures_areRefusedAsDamaged_neverWithAnotherException() throws Exception {
    AlgorithmIdentifier sha256 =
        new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);
    AlgorithmIdentifier pbes2 = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2);
    AlgorithmIdentifier emptyPbes2 =
        new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, new DERSequence());
    AlgorithmIdentifier kdfWithoutParameters =
        new AlgorithmIdentifier(
            PKCSObjectIdentifiers.id_PBES2,
            new DERSequence(
                new ASN1Encodable[] {
                  new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBKDF2),
                  new EncryptionScheme(
                      NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(new byte[16]))
                }));
    for (AlgorithmIdentifier algorithm : List.of(pbes2, emptyPbes2, kdfWithoutParameters)) {
      assertEquals(
          "a damaged key: its encryption parameters cannot be read",
          refusal(pemOf("ENCRYPTED PRIVATE KEY", encryptedInfo(algorithm, new byte[32]))));
    }
    String withoutIv = crafted(sha256, 1000, null, NISTObjectIdentifiers.id_aes256_CBC, null, 32);
    String noData =
        crafted(sha256, 1000, null, NISTObjectIdentifiers.id_aes256_CBC, new byte[16], 0);
    assertEquals("wrong passphrase, or a damaged key", refusal(withoutIv));
    assertEquals("wrong passphrase, or a damaged key", refusal(noData));
  }

  @Test
  void otherSchemesThanPbes2WithPbkdf2_areRefusedBeforeDeriving() throws Exception {
    // PKCS#12's PBE with 3DES: its count of iterations is read by no bound of ours.
    AlgorithmIdentifier pkcs12 =
        new AlgorithmIdentifier(
            PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC,
            new PKCS12PBEParams(new byte[8], Integer.MAX_VALUE));
    AlgorithmIdentifier scrypt =
        new AlgorithmIdentifier(
            PKCSObjectIdentifiers.id_PBES2,
            new PBES2Parameters(
                new KeyDerivationFunc(
                    MiscObjectIdentifiers.id_scrypt, new ScryptParams(new byte[16], 1 << 30, 8, 1)),
                new EncryptionScheme(
                    NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(new byte[16]))));

    assertEquals(
        "the key is encrypted by 1.2.840.113549.1.12.1.3, not PBES2 (PBKDF2 and AES-CBC):"
            + " re-encrypt it with openssl pkcs8 -topk8 -v2 aes-256-cbc",
        refusal(pemOf("ENCRYPTED PRIVATE KEY", encryptedInfo(pkcs12, new byte[32]))));
    assertEquals(
        "the key's passphrase is derived by 1.3.6.1.4.1.11591.4.11, not PBKDF2",
        refusal(pemOf("ENCRYPTED PRIVATE KEY", encryptedInfo(scrypt, new byte[32]))));
  }

  private static byte[] encryptedInfo(AlgorithmIdentifier algorithm, byte[] data)
      throws IOException {
    return new EncryptedPrivateKeyInfo(algorithm, data).getEncoded();
  }

  private static String refusal(String pem) {
    return assertThrows(KeyException.class, () -> Ed25519SigningKey.fromPem(pem, PASSPHRASE))
        .getMessage();
  }

  /** An encrypted key of the given parameters; its data is {@code dataBytes} of zeros. */
  private static String crafted(
      AlgorithmIdentifier prf,
      int iterations,
      Integer keyLength,
      ASN1ObjectIdentifier cipher,
      byte[] iv,
      int dataBytes)
      throws IOException {
    byte[] salt = new byte[16];
    PBKDF2Params kdf =
        keyLength == null
            ? (prf == null
                ? new PBKDF2Params(salt, iterations)
                : new PBKDF2Params(salt, iterations, prf))
            : new PBKDF2Params(salt, iterations, keyLength, prf);
    ASN1Encodable scheme =
        new PBES2Parameters(
            new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, kdf),
            iv == null
                ? new EncryptionScheme(cipher)
                : new EncryptionScheme(cipher, new DEROctetString(iv)));
    return pemOf(
        "ENCRYPTED PRIVATE KEY",
        encryptedInfo(
            new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, scheme), new byte[dataBytes]));
  }

  private static String clearPem(byte[] info) throws IOException {
    return pemOf("PRIVATE KEY", info);
  }

  private static String pemOf(String type, byte[] der) throws IOException {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(new PemObject(type, der));
    }
    return out.toString();
  }

  private static PKCS8EncryptedPrivateKeyInfo parse(String pem) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      return (PKCS8EncryptedPrivateKeyInfo) parser.readObject();
    }
  }

  private static PBES2Parameters scheme(PKCS8EncryptedPrivateKeyInfo encrypted) {
    assertEquals(PKCSObjectIdentifiers.id_PBES2, encrypted.getEncryptionAlgorithm().getAlgorithm());
    return PBES2Parameters.getInstance(encrypted.getEncryptionAlgorithm().getParameters());
  }

  private static byte[] iv(PBES2Parameters scheme) {
    return ASN1OctetString.getInstance(scheme.getEncryptionScheme().getParameters()).getOctets();
  }
}
