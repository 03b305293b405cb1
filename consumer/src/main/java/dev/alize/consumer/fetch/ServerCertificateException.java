package dev.alize.consumer.fetch;

import java.security.cert.CertificateException;

/**
 * The server's certificate was refused, with which of its checks failed: the host's name, the
 * validity period or trust. The handshake fails with it, and the fetcher reports its message.
 */
public final class ServerCertificateException extends CertificateException {

  private static final long serialVersionUID = 1L;

  /** Which check refused the certificate. */
  public enum Reason {
    /** The certificate does not name the host the URL connects to. */
    NAME,
    /** The certificate has expired or is not valid yet. */
    VALIDITY,
    /** The certificate is neither the pinned one nor issued by a trusted authority. */
    TRUST
  }

  private final Reason reason;

  public ServerCertificateException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
