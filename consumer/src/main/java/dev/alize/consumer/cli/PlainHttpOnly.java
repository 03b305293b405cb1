package dev.alize.consumer.cli;

import java.net.URI;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS context of a client that only ever fetches {@code http://} URLs: one that does nothing.
 *
 * <p>Without a context of its own, the JDK's HTTP client builds the default one as it starts: it
 * loads the JSSE provider, reads the system trust store and checks every cipher suite, a third of a
 * second of a short command's start on two cores, for TLS that plain HTTP never uses. The
 * conformance suite starts {@code conformance} hundreds of times, over plain HTTP. Any use of this
 * context fails; it is given only when no URL is {@code https}, and redirects are never followed.
 */
final class PlainHttpOnly {

  private PlainHttpOnly() {}

  /** Whether every URL given is a plain {@code http://} one; null ones are not fetched. */
  static boolean all(URI... urls) {
    for (URI url : urls) {
      if (url != null && !"http".equalsIgnoreCase(url.getScheme())) {
        return false;
      }
    }
    return true;
  }

  /** A context that refuses every TLS use. */
  static SSLContext context() {
    return new SSLContext(new NoTls(), null, "none") {};
  }

  private static final class NoTls extends SSLContextSpi {

    private static UnsupportedOperationException refused() {
      return new UnsupportedOperationException("TLS is not used: every URL is plain http://");
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
      throw refused();
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      throw refused();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      throw refused();
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      throw refused();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      throw refused();
    }

    /** The HTTP client reads the default parameters as it is built, TLS or not. */
    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return new SSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return new SSLParameters();
    }
  }
}
