package dev.alize.publisher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.alize.common.process.ProcessRun;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * tuf-js, the client npm uses, reading a repository folder as a plain static mirror serves it (any
 * web server or CDN may, since every byte is verified): a refresh from a trusted root, then a
 * download of each target named.
 */
final class TufJsClient {

  private static final Path SCRIPT = Path.of("src/test/tuf-js/download.mjs");
  private static final ObjectMapper JSON = new ObjectMapper();

  private TufJsClient() {}

  /**
   * @return one answer per target, with its path, length, hashes and custom fields
   * @throws AssertionError with tuf-js's error when it refuses the repository
   */
  static List<JsonNode> refreshAndDownload(
      Path repository, Path trustedRoot, Collection<String> targets, Path work) {
    HttpServer server = mirror(repository);
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      List<String> command = new ArrayList<>();
      command.add("node");
      command.add(SCRIPT.toString());
      command.add(base + "/metadata");
      command.add(base + "/targets");
      command.add(trustedRoot.toString());
      command.add(work.resolve("metadata").toString());
      command.add(work.resolve("targets").toString());
      command.addAll(targets);
      ProcessRun run = ProcessRun.of(command, Map.of());
      if (run.exit() != 0) {
        throw new AssertionError("tuf-js refuses " + repository + ": " + run.err());
      }
      List<JsonNode> answers = new ArrayList<>();
      for (String line : run.out().lines().toList()) {
        answers.add(JSON.readTree(line));
      }
      return answers;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      server.stop(0);
    }
  }

  /** Serves the folder's files by path, as a static web server does; 404 for anything else. */
  private static HttpServer mirror(Path repository) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", exchange -> serve(repository, exchange));
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void serve(Path repository, HttpExchange exchange) throws IOException {
    Path file = repository.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
    try (exchange) {
      if (!file.startsWith(repository) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] bytes = Files.readAllBytes(file);
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
