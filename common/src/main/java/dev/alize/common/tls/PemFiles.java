package dev.alize.common.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemGenerationException;

/** Reads and writes certificates and private keys in PEM, the format operators handle. */
final class PemFiles {

  /** Larger than any sane certificate chain or key; a bigger file is not one. */
  private static final long MAX_BYTES = 1 << 20;

  private PemFiles() {}

  static List<X509Certificate> readCertificates(Path file) {
    List<X509Certificate> chain = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    for (Object item : readObjects(file, "TLS certificate")) {
      if (!(item instanceof X509CertificateHolder holder)) {
        throw new TlsException(file, file + ": holds something other than certificates");
      }
      try {
        chain.add(converter.getCertificate(holder));
      } catch (CertificateException e) {
        throw new TlsException(
            file, file + ": not a valid X.509 certificate: " + e.getMessage(), e);
      }
    }
    if (chain.isEmpty()) {
      throw new TlsException(file, file + ": not a PEM certificate (no BEGIN CERTIFICATE block)");
    }
    return chain;
  }

  static PrivateKey readPrivateKey(Path file) {
    List<Object> items = readObjects(file, "TLS private key");
    if (items.size() != 1) {
      throw new TlsException(file, file + ": must hold exactly one PEM private key");
    }
    Object item = items.get(0);
    if (item instanceof PEMEncryptedKeyPair || item instanceof PKCS8EncryptedPrivateKeyInfo) {
      throw new TlsException(file, file + ": encrypted private keys are not supported");
    }
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try {
      if (item instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      if (item instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
    } catch (PEMException e) {
      throw new TlsException(file, file + ": unusable private key: " + e.getMessage(), e);
    }
    throw new TlsException(file, file + ": not a PEM private key");
  }

  static String toPem(X509Certificate certificate) {
    return encode(certificate);
  }

  /** PKCS#8 ({@code BEGIN PRIVATE KEY}), which every TLS stack reads. */
  static String toPem(PrivateKey key) {
    try {
      return encode(new JcaPKCS8Generator(key, null));
    } catch (PemGenerationException e) {
      throw new TlsException(null, "cannot encode the private key: " + e.getMessage(), e);
    }
  }

  private static String encode(Object item) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(item);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static List<Object> readObjects(Path file, String what) {
    List<Object> items = new ArrayList<>();
    try {
      if (!Files.isRegularFile(file)) {
        throw new TlsException(file, "cannot read the " + what + " " + file + ": no such file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new TlsException(file, file + ": too large for a " + what);
      }
      // Latin-1 never fails to decode, so that a binary file reads as "not PEM".
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
          PEMParser parser = new PEMParser(reader)) {
        for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
          items.add(item);
        }
      }
    } catch (IOException e) {
      throw new TlsException(file, "cannot read the " + what + " " + file + ": " + describe(e), e);
    }
    return items;
  }

  private static String describe(IOException e) {
    return e instanceof AccessDeniedException
        ? "permission denied"
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
