package dev.alize.common.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.SecureRandom;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** An ed25519 private key: signs metadata, and is stored as PKCS#8 PEM, encrypted or not. */
public final class Ed25519SigningKey {

  /**
   * The provider that reads keys encrypted before {@link PassphraseEncryption}, made on first use:
   * building it registers hundreds of algorithms (0.15 s), which nothing else needs.
   */
  private static final class LazyProvider {
    static final BouncyCastleProvider INSTANCE = new BouncyCastleProvider();
  }

  private final Ed25519PrivateKeyParameters key;
  private final PublicKey publicKey;

  private Ed25519SigningKey(Ed25519PrivateKeyParameters key) {
    this.key = key;
    this.publicKey = PublicKey.ed25519(key.generatePublicKey().getEncoded());
  }

  public static Ed25519SigningKey generate(SecureRandom random) {
    return new Ed25519SigningKey(new Ed25519PrivateKeyParameters(random));
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public String keyId() {
    return publicKey.keyId();
  }

  public byte[] sign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  /**
   * The key as PKCS#8 PEM: {@code ENCRYPTED PRIVATE KEY} (see {@link PassphraseEncryption}) when a
   * passphrase is given, {@code PRIVATE KEY} otherwise.
   */
  public String toPem(char[] passphrase) {
    try {
      // RFC 8410's form, without the public key: OpenSSL 3.0 refuses the one Bouncy Castle's
      // factory writes, with it (RFC 5958's version 2).
      byte[] info =
          new PrivateKeyInfo(
                  new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
                  new DEROctetString(key.getEncoded()))
              .getEncoded();
      PemObject pem =
          passphrase == null || passphrase.length == 0
              ? new PemObject("PRIVATE KEY", info)
              : new PemObject(
                  "ENCRYPTED PRIVATE KEY",
                  PassphraseEncryption.encrypt(info, passphrase, new SecureRandom()));
      StringWriter out = new StringWriter();
      try (PemWriter writer = new PemWriter(out)) {
        writer.writeObject(pem);
      }
      return out.toString();
    } catch (IOException e) {
      throw new KeyException("cannot encode the private key: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a PKCS#8 PEM ed25519 key.
   *
   * @param passphrase needed when the key is encrypted; null otherwise
   * @throws KeyException for a malformed file, a missing or wrong passphrase, or another key type
   */
  public static Ed25519SigningKey fromPem(String pem, char[] passphrase) {
    Object parsed;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      parsed = parser.readObject();
    } catch (IOException | IllegalStateException e) {
      throw new KeyException("not a PEM private key: " + e.getMessage(), e);
    }
    PrivateKeyInfo info;
    if (parsed instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
      if (passphrase == null || passphrase.length == 0) {
        throw new KeyException("the key is encrypted: set ALIZE_KEY_PASSPHRASE");
      }
      info = decrypt(encrypted, passphrase);
    } else if (parsed instanceof PrivateKeyInfo plain) {
      info = plain;
    } else {
      throw new KeyException("not a PKCS#8 private key");
    }
    try {
      AsymmetricKeyParameter key = PrivateKeyFactory.createKey(info);
      if (!(key instanceof Ed25519PrivateKeyParameters ed)) {
        throw new KeyException("not an ed25519 key");
      }
      return new Ed25519SigningKey(ed);
    } catch (IOException | IllegalArgumentException e) {
      throw new KeyException("not a usable private key: " + e.getMessage(), e);
    }
  }

  private static PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo encrypted, char[] passphrase) {
    PassphraseEncryption.Scheme scheme = PassphraseEncryption.checkScheme(encrypted);
    try {
      if (scheme.readByJdk()) {
        // A wrong passphrase passes the padding's check once in 256 tries: what it decrypted is
        // then no PrivateKeyInfo.
        return PrivateKeyInfo.getInstance(
            PassphraseEncryption.decrypt(scheme, encrypted.getEncryptedData(), passphrase));
      }
      return encrypted.decryptPrivateKeyInfo(
          new JceOpenSSLPKCS8DecryptorProviderBuilder()
              .setProvider(LazyProvider.INSTANCE)
              .build(passphrase));
    } catch (KeyException e) {
      throw e;
    } catch (PKCSException | OperatorCreationException | RuntimeException e) {
      // Bouncy Castle's parsers say a damaged structure by a runtime exception of any kind.
      throw new KeyException("wrong passphrase, or a damaged key", e);
    }
  }
}
