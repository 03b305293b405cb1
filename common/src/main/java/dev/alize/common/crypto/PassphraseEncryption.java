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
   * The most iterations a key file may ask for, so that reading any file takes bounded time (about
   * four seconds at this bound).
   */
  static final int MAX_ITERATIONS = 10_000_000;

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
   * Whether {@code encrypted} is PBES2 with PBKDF2 over HMAC-SHA-2 and AES-CBC, which {@link
   * #decrypt} reads; other schemes are left to Bouncy Castle's provider.
   */
  static boolean isJdkScheme(PKCS8EncryptedPrivateKeyInfo encrypted) {
    try {
      AlgorithmIdentifier algorithm = encrypted.getEncryptionAlgorithm();
      if (!PKCSObjectIdentifiers.id_PBES2.equals(algorithm.getAlgorithm())) {
        return false;
      }
      PBES2Parameters scheme = PBES2Parameters.getInstance(algorithm.getParameters());
      if (!PKCSObjectIdentifiers.id_PBKDF2.equals(scheme.getKeyDerivationFunc().getAlgorithm())) {
        return false;
      }
      PBKDF2Params kdf = PBKDF2Params.getInstance(scheme.getKeyDerivationFunc().getParameters());
      return PRFS.containsKey(kdf.getPrf().getAlgorithm())
          && CIPHERS.containsKey(scheme.getEncryptionScheme().getAlgorithm());
    } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
      return false;
    }
  }

  /**
   * The DER of the {@code PrivateKeyInfo} that {@code encrypted} holds, for a scheme {@link
   * #isJdkScheme} accepts.
   *
   * @throws KeyException for a wrong passphrase, a damaged file, or a count of iterations past
   *     {@link #MAX_ITERATIONS}
   */
  static byte[] decrypt(PKCS8EncryptedPrivateKeyInfo encrypted, char[] passphrase) {
    PBES2Parameters scheme =
        PBES2Parameters.getInstance(encrypted.getEncryptionAlgorithm().getParameters());
    PBKDF2Params kdf = PBKDF2Params.getInstance(scheme.getKeyDerivationFunc().getParameters());
    checkIterations(kdf);
    int keyBytes = CIPHERS.get(scheme.getEncryptionScheme().getAlgorithm());
    if (kdf.getKeyLength() != null && !kdf.getKeyLength().equals(BigInteger.valueOf(keyBytes))) {
      throw new KeyException(
          "a damaged key: its derived key is of "
              + kdf.getKeyLength()
              + " bytes, its cipher takes "
              + keyBytes);
    }
    try {
      byte[] iv =
          ASN1OctetString.getInstance(scheme.getEncryptionScheme().getParameters()).getOctets();
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
      return cipher.doFinal(encrypted.getEncryptedData());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new KeyException("wrong passphrase, or a damaged key", e);
    }
  }

  /** Refuses a PBES2 file that asks for more than {@link #MAX_ITERATIONS}, whatever its scheme. */
  static void checkIterations(PKCS8EncryptedPrivateKeyInfo encrypted) {
    AlgorithmIdentifier algorithm = encrypted.getEncryptionAlgorithm();
    if (!PKCSObjectIdentifiers.id_PBES2.equals(algorithm.getAlgorithm())) {
      return;
    }
    try {
      PBES2Parameters scheme = PBES2Parameters.getInstance(algorithm.getParameters());
      if (PKCSObjectIdentifiers.id_PBKDF2.equals(scheme.getKeyDerivationFunc().getAlgorithm())) {
        checkIterations(PBKDF2Params.getInstance(scheme.getKeyDerivationFunc().getParameters()));
      }
    } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
      throw new KeyException("a damaged key: its encryption parameters cannot be read", e);
    }
  }

  private static void checkIterations(PBKDF2Params kdf) {
    if (kdf.getIterationCount().signum() <= 0
        || kdf.getIterationCount().compareTo(BigInteger.valueOf(MAX_ITERATIONS)) > 0) {
      throw new KeyException(
          "the key asks for "
              + kdf.getIterationCount()
              + " iterations of PBKDF2; at most "
              + MAX_ITERATIONS
              + " are read");
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
