package dev.alize.consumer.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback that counts the connections and the bytes crossing it both ways: what an
 * unchanged poll costs on the wire, TLS included, which the servers' own counters cannot see.
 */
final class CountingProxy implements AutoCloseable {

  record Counts(long connections, long bytes) {}

  private final ServerSocket server;
  private final String host;
  private final int port;
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  private CountingProxy(ServerSocket server, String host, int port) {
    this.server = server;
    this.host = host;
    this.port = port;
  }

  static CountingProxy start(String host, int port) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    CountingProxy proxy = new CountingProxy(server, host, port);
    Thread accept = new Thread(proxy::accept, "bench-proxy");
    accept.setDaemon(true);
    accept.start();
    return proxy;
  }

  /** {@code url} with this relay's port in place of the server's. */
  URI url(URI url) {
    try {
      return new URI(
          url.getScheme(), null, url.getHost(), server.getLocalPort(), url.getPath(), null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  Counts counts() {
    return new Counts(connections.get(), bytes.get());
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(host, port);
        connections.incrementAndGet();
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        if (!server.isClosed()) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[64 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                  bytes.addAndGet(n);
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // The other side closed: the relay of this connection ends with it.
              } finally {
                try {
                  to.shutdownOutput();
                } catch (IOException e) {
                  // Already closed.
                }
              }
            },
            "bench-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Closing a listening socket on loopback does not fail in a way worth reporting.
    }
  }
}
