package dev.alize.common.tls;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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

  /** The DNS names and IP addresses the leaf holds, in its order. */
  public List<TlsName> names() {
    List<TlsName> names = new ArrayList<>();
    try {
      Collection<List<?>> alternatives = leaf().getSubjectAlternativeNames();
      if (alternatives != null) {
        for (List<?> entry : alternatives) {
          int type = (Integer) entry.get(0);
          if (type == 2) {
            names.add(new TlsName(TlsName.Kind.DNS, (String) entry.get(1)));
          } else if (type == 7) {
            names.add(new TlsName(TlsName.Kind.IP, (String) entry.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      throw new TlsException(
          certificateFile, certificateFile + ": unreadable subject alternative names", e);
    }
    return names;
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
