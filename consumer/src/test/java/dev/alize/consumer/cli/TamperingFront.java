package dev.alize.consumer.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A plain-HTTP server in front of a live publisher, as a mirror, a CDN or a network attacker could
 * be: it fetches each file from the publisher over HTTPS and answers with it, or with what a rule
 * makes of it.
 */
final class TamperingFront implements AutoCloseable {

  private final LivePublisher publisher;
  private final HttpClient upstream;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, UnaryOperator<byte[]>> rules = new ConcurrentHashMap<>();
  private final Set<String> endless = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> paths = new ConcurrentLinkedQueue<>();

  private TamperingFront(LivePublisher publisher) throws IOException {
    this.publisher = publisher;
    this.upstream = HttpClient.newBuilder().sslContext(publisher.tls()).build();
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::answer);
    server.start();
  }

  static TamperingFront of(LivePublisher publisher) throws IOException {
    return new TamperingFront(publisher);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** The consumer settings that use this front, over plain HTTP. */
  String[] settings() {
    return new String[] {"url: " + url(), "allow-plain-http: true"};
  }

  /**
   * Answers {@code path} (as requested: {@code /metadata/timestamp.json}) with what {@code rule}
   * makes of the publisher's bytes (null when it has no such file); null answers 404.
   */
  TamperingFront tamper(String path, UnaryOperator<byte[]> rule) {
    rules.put(path, rule);
    return this;
  }

  /** Answers {@code path} with {@code bytes}. */
  TamperingFront serve(String path, byte[] bytes) {
    return tamper(path, honest -> bytes);
  }

  /** Answers {@code path} with bytes that never end. */
  TamperingFront endless(String path) {
    endless.add(path);
    return this;
  }

  int requests() {
    return requests.get();
  }

  /** The paths requested so far, in order, as requested. */
  List<String> paths() {
    return List.copyOf(paths);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try {
      requests.incrementAndGet();
      String path = exchange.getRequestURI().getRawPath();
      paths.add(path);
      if (endless.contains(path)) {
        stream(exchange);
        return;
      }
      byte[] body = fetch(path);
      UnaryOperator<byte[]> rule = rules.get(path);
      if (rule != null) {
        body = rule.apply(body);
      }
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
    } finally {
      exchange.close();
    }
  }

  private byte[] fetch(String path) throws IOException {
    try {
      HttpResponse<byte[]> response =
          upstream.send(
              HttpRequest.newBuilder(publisher.url().resolve(path)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return response.statusCode() == 200 ? response.body() : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** Chunked JSON-looking bytes until the client hangs up (or a minute passes). */
  private static void stream(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(200, 0);
    byte[] chunk = new byte[8192];
    Arrays.fill(chunk, (byte) '[');
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    OutputStream out = exchange.getResponseBody();
    try {
      while (System.nanoTime() < deadline) {
        out.write(chunk);
        out.flush();
      }
    } catch (IOException e) {
      // The client stopped reading: what this front is for.
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
