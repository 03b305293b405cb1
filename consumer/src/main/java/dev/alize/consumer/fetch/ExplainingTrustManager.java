package dev.alize.consumer.fetch;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * The JDK's trust manager, with each refusal of a server's certificate told by what failed: the
 * validity period (checked here too, since the JDK does not check it for a pinned certificate,
 * which is its own trust anchor), trust, then the host's name. The JDK decides; this only names the
 * reason.
 */
final class ExplainingTrustManager extends X509ExtendedTrustManager {

  private final X509ExtendedTrustManager delegate;
  private final String trusted;
  private final Clock clock;

  /**
   * @param trustStore the pinned certificates, or null for the system's trust store
   * @param trusted what is trusted, for messages ("the certificate pinned in FILE")
   */
  ExplainingTrustManager(KeyStore trustStore, String trusted, Clock clock)
      throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trustStore);
    X509ExtendedTrustManager found = null;
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509ExtendedTrustManager x509) {
        found = x509;
      }
    }
    if (found == null) {
      throw new GeneralSecurityException("no X.509 trust manager in this JDK");
    }
    this.delegate = found;
    this.trusted = trusted;
    this.clock = clock;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkValidityAndTrust(chain, authType);
    try {
      delegate.checkServerTrusted(chain, authType, engine);
    } catch (CertificateException e) {
      throw explainName(chain[0], engine == null ? null : engine.getPeerHost(), e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkValidityAndTrust(chain, authType);
    try {
      delegate.checkServerTrusted(chain, authType, socket);
    } catch (CertificateException e) {
      String host =
          socket instanceof SSLSocket ssl && ssl.getHandshakeSession() != null
              ? ssl.getHandshakeSession().getPeerHost()
              : null;
      throw explainName(chain[0], host, e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    checkValidityAndTrust(chain, authType);
  }

  private void checkValidityAndTrust(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new ServerCertificateException(
          ServerCertificateException.Reason.TRUST, "the server sent no certificate", null);
    }
    X509Certificate leaf = chain[0];
    Instant now = clock.instant();
    Instant notBefore = leaf.getNotBefore().toInstant();
    Instant notAfter = leaf.getNotAfter().toInstant();
    if (now.isAfter(notAfter)) {
      throw new ServerCertificateException(
          ServerCertificateException.Reason.VALIDITY,
          "the server's certificate ("
              + subject(leaf)
              + ") expired on "
              + notAfter
              + " (valid from "
              + notBefore
              + "): the publisher must renew it",
          null);
    }
    if (now.isBefore(notBefore)) {
      throw new ServerCertificateException(
          ServerCertificateException.Reason.VALIDITY,
          "the server's certificate ("
              + subject(leaf)
              + ") is not valid before "
              + notBefore
              + " (it is now "
              + now
              + "): check this machine's clock and the publisher's",
          null);
    }
    try {
      // Without a socket or an engine, the JDK checks the chain but not the host's name.
      delegate.checkServerTrusted(chain, authType);
    } catch (CertificateException e) {
      throw new ServerCertificateException(
          ServerCertificateException.Reason.TRUST,
          "the server's certificate ("
              + subject(leaf)
              + ", issued by "
              + leaf.getIssuerX500Principal().getName(X500Principal.RFC2253)
              + ", SHA-256 fingerprint "
              + fingerprint(leaf)
              + ") is not trusted: it is not "
              + trusted
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  /** The chain is trusted and valid, so a refusal now is the host's name, or else says why. */
  private static CertificateException explainName(
      X509Certificate leaf, String host, CertificateException refusal) {
    List<String> names = names(leaf);
    if (host != null && names.stream().noneMatch(name -> matches(name, host))) {
      return new ServerCertificateException(
          ServerCertificateException.Reason.NAME,
          "the server's certificate does not name the host "
              + host
              + ": it names "
              + (names.isEmpty() ? "nothing" : String.join(", ", names))
              + "; connect by one of those names, or give the server a certificate for "
              + host,
          refusal);
    }
    return refusal;
  }

  /** Its subject alternative names (DNS names and IP addresses), else its common name. */
  static List<String> names(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
      if (alternatives != null) {
        for (List<?> entry : alternatives) {
          int type = (Integer) entry.get(0);
          if (type == 2 || type == 7) {
            names.add(String.valueOf(entry.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // Unreadable names: the certificate then names nothing this client can use.
    }
    if (names.isEmpty()) {
      for (String part : certificate.getSubjectX500Principal().getName().split(",")) {
        if (part.startsWith("CN=")) {
          names.add(part.substring(3));
        }
      }
    }
    return names;
  }

  /** Close enough to the JDK's rule to tell a mismatch: exact, or one leftmost label for "*". */
  private static boolean matches(String name, String host) {
    String n = name.toLowerCase(Locale.ROOT);
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (n.equals(h)) {
      return true;
    }
    if (n.startsWith("*.")) {
      int dot = h.indexOf('.');
      return dot > 0 && h.substring(dot).equals(n.substring(1));
    }
    return false;
  }

  private static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
  }

  private static String fingerprint(X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      return "unknown";
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }
}
