package dev.alize.common.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * PKCS#8 encryption of a private key with a passphrase, as PBES2 (RFC 8018): PBKDF2 with
 * HMAC-SHA-256 and 600,000 iterations (OWASP's figure for that function), AES-256-CBC, the
 * passphrase in UTF-8; the layout OpenSSL 3 writes by default.
 *
 * <p>The derivation runs on the JDK's own HMAC and AES, which use the processor's SHA and AES
 * instructions once compiled: a key takes a quarter of a second where Bouncy Castle's provider, in
 * plain Java, took one and a half. Keys written before, with Bouncy Castle's default PBKDF2
 * (HMAC-SHA1, the passphrase's characters cut to eight bits), are read by Bouncy Castle as before
 * ({@link #isJdkScheme} says which).
 */
final class PassphraseEncryption {

  static final int ITERATIONS = 600_000;

  /**
   * The most iterations a key file may ask for, so that reading any file takes bounded time: two
   * seconds with HMAC-SHA-256, about eight with the HMAC-SHA1 of keys written before.
   */
  static final int MAX_ITERATIONS = 5_000_000;

  private static final int SALT_BYTES = 16;
  private static final int IV_BYTES = 16;

  /** The HMAC functions PBKDF2 may use here, by their identifier, as the JDK names them. */
  private static final Map<ASN1ObjectIdentifier, String> PRFS =
      Map.of(
          PKCSObjectIdentifiers.id_hmacWithSHA256, "PBKDF2WithHmacSHA256",
          PKCSObjectIdentifiers.id_hmacWithSHA384, "PBKDF2WithHmacSHA384",
          PKCSObjectIdentifiers.id_hmacWithSHA512, "PBKDF2WithHmacSHA512");

  /** The AES-CBC ciphers, by their identifier, and their key length in bytes. */
  private static final Map<ASN1ObjectIdentifier, Integer> CIPHERS =
      Map.of(
          NISTObjectIdentifiers.id_aes128_CBC, 16,
          NISTObjectIdentifiers.id_aes192_CBC, 24,
          NISTObjectIdentifiers.id_aes256_CBC, 32);

  private PassphraseEncryption() {}

  /** The DER of an {@code EncryptedPrivateKeyInfo} holding {@code privateKeyInfo}. */
  static byte[] encrypt(byte[] privateKeyInfo, char[] passphrase, SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(salt);
    random.nextBytes(iv);
    AlgorithmIdentifier prf =
        new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);
    PBES2Parameters scheme =
        new PBES2Parameters(
            new KeyDerivationFunc(
                PKCSObjectIdentifiers.id_PBKDF2, new PBKDF2Params(salt, ITERATIONS, prf)),
            new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(iv)));
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          derive("PBKDF2WithHmacSHA256", passphrase, salt, ITERATIONS, 32),
          new IvParameterSpec(iv));
      byte[] data = cipher.doFinal(privateKeyInfo);
      return new EncryptedPrivateKeyInfo(
              new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, scheme), data)
          .getEncoded();
    } catch (GeneralSecurityException | IOException e) {
      throw new KeyException("cannot encrypt the private key: " + e.getMessage(), e);
    }
  }

  /**
   * The parameters of a PBES2 key with PBKDF2, read once by {@link #checkScheme}.
   *
   * @param scheme the PBES2 parameters: the derivation and the cipher
   * @param kdf the PBKDF2 parameters: salt, iterations, key length, pseudo-random function
   */
  record Scheme(PBES2Parameters scheme, PBKDF2Params kdf) {

    /**
     * Whether the JDK's provider reads it (PBKDF2 over HMAC-SHA-2 and AES-CBC), by {@link
     * #decrypt}; other schemes are left to Bouncy Castle's provider.
     */
    boolean readByJdk() {
      return PRFS.containsKey(kdf.getPrf().getAlgorithm())
          && CIPHERS.containsKey(scheme.getEncryptionScheme().getAlgorithm());
    }
  }

  /**
   * The DER of the {@code PrivateKeyInfo} that {@code encryptedData} holds, for a scheme {@link
   * Scheme#readByJdk} accepts.
   *
   * @throws KeyException for a wrong passphrase or a damaged file
   */
  static byte[] decrypt(Scheme read, byte[] encryptedData, char[] passphrase) {
    PBKDF2Params kdf = read.kdf();
    int keyBytes = CIPHERS.get(read.scheme().getEncryptionScheme().getAlgorithm());
    if (kdf.getKeyLength() != null && !kdf.getKeyLength().equals(BigInteger.valueOf(keyBytes))) {
      throw new KeyException(
          "a damaged key: the length of its derived key is not the "
              + keyBytes
              + " bytes of its cipher");
    }
    try {
      byte[] iv =
          ASN1OctetString.getInstance(read.scheme().getEncryptionScheme().getParameters())
              .getOctets();
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          derive(
              PRFS.get(kdf.getPrf().getAlgorithm()),
              passphrase,
              kdf.getSalt(),
              kdf.getIterationCount().intValueExact(),
              keyBytes),
          new IvParameterSpec(iv));
      return cipher.doFinal(encryptedData);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new KeyException("wrong passphrase, or a damaged key", e);
    }
  }

  /**
   * The scheme's parameters, read once; refuses, before any derivation, a key encrypted otherwise
   * than by PBES2 with PBKDF2, and one that asks for more than {@link #MAX_ITERATIONS}: both could
   * take unbounded time.
   */
  static Scheme checkScheme(PKCS8EncryptedPrivateKeyInfo encrypted) {
    ASN1ObjectIdentifier algorithm = encrypted.getEncryptionAlgorithm().getAlgorithm();
    if (!PKCSObjectIdentifiers.id_PBES2.equals(algorithm)) {
      throw new KeyException(
          "the key is encrypted by "
              + algorithm
              + ", not PBES2 (PBKDF2 and AES-CBC): re-encrypt it with"
              + " openssl pkcs8 -topk8 -v2 aes-256-cbc");
    }
    Scheme read;
    try {
      PBES2Parameters scheme =
          PBES2Parameters.getInstance(encrypted.getEncryptionAlgorithm().getParameters());
      ASN1ObjectIdentifier derivation = scheme.getKeyDerivationFunc().getAlgorithm();
      if (!PKCSObjectIdentifiers.id_PBKDF2.equals(derivation)) {
        throw new KeyException("the key's passphrase is derived by " + derivation + ", not PBKDF2");
      }
      PBKDF2Params kdf = PBKDF2Params.getInstance(scheme.getKeyDerivationFunc().getParameters());
      kdf.getIterationCount();
      read = new Scheme(scheme, kdf);
    } catch (KeyException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new KeyException("a damaged key: its encryption parameters cannot be read", e);
    }
    checkIterations(read.kdf());
    return read;
  }

  private static void checkIterations(PBKDF2Params kdf) {
    BigInteger iterations = kdf.getIterationCount();
    if (iterations.signum() <= 0) {
      throw new KeyException("a damaged key: its count of PBKDF2 iterations is not positive");
    }
    if (iterations.compareTo(BigInteger.valueOf(MAX_ITERATIONS)) > 0) {
      throw new KeyException(
          "the key asks for more than "
              + MAX_ITERATIONS
              + " iterations of PBKDF2, which are all that are read");
    }
  }

  private static SecretKeySpec derive(
      String algorithm, char[] passphrase, byte[] salt, int iterations, int keyBytes)
      throws GeneralSecurityException {
    PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, keyBytes * 8);
    try {
      byte[] key = SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
      return new SecretKeySpec(key, "AES");
    } finally {
      spec.clearPassword();
    }
  }
}
