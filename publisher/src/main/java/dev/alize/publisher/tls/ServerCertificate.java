package dev.alize.publisher.tls;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The HTTPS server's certificate chain and private key, as PEM files that the server reads.
 *
 * @param certificateFile the chain, leaf first
 * @param keyFile the private key of the leaf
 * @param generated whether this start generated them
 */
public record ServerCertificate(
    Path certificateFile, Path keyFile, List<X509Certificate> chain, boolean generated) {

  public ServerCertificate {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a certificate chain holds at least one certificate");
    }
    chain = List.copyOf(chain);
  }

  public X509Certificate leaf() {
    return chain.get(0);
  }

  public Instant notAfter() {
    return leaf().getNotAfter().toInstant();
  }

  /** The SHA-256 of the leaf's DER bytes, as {@code openssl x509 -fingerprint -sha256} shows it. */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(leaf().getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
