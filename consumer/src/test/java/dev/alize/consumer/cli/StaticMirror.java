package dev.alize.consumer.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A mirror as any web server would be: a copy of the repository's files, served as they are over
 * plain HTTP on 127.0.0.1, whether the publisher is up or not.
 */
final class StaticMirror implements AutoCloseable {

  private final Path root;
  private final HttpServer server;

  StaticMirror(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** Copies the publisher's repository as it is now, as a mirror's periodic copy does. */
  void copy(Path repository) {
    try (Stream<Path> files = Files.walk(repository)) {
      for (Path f : files.toList()) {
        Path target = root.resolve(repository.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    byte[] bytes = Files.readAllBytes(file);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
