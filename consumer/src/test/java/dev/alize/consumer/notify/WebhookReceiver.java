package dev.alize.consumer.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real webhook receiver on 127.0.0.1: it recomputes the HMAC-SHA256 of the body under its own
 * secret and accepts only a matching signature (401 otherwise), as a production receiver would.
 */
final class WebhookReceiver implements AutoCloseable {

  /** One accepted POST. */
  record Received(String deliveryId, String contentType, String body) {}

  private final HttpServer server;
  private final byte[] secret;
  private final List<Received> accepted = new ArrayList<>();
  private final Deque<Integer> statuses = new ArrayDeque<>();
  private int requests;
  private int rejected;

  WebhookReceiver(String secret) throws IOException {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hook", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  /** The next valid requests are answered with these statuses, then 200. */
  synchronized WebhookReceiver answering(int... next) {
    for (int status : next) {
      statuses.add(status);
    }
    return this;
  }

  synchronized List<Received> accepted() {
    return List.copyOf(accepted);
  }

  synchronized int requests() {
    return requests;
  }

  synchronized int rejected() {
    return rejected;
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String signature = exchange.getRequestHeaders().getFirst("X-Alize-Signature");
    int status;
    synchronized (this) {
      requests++;
      if (!"POST".equals(exchange.getRequestMethod()) || !valid(signature, body)) {
        rejected++;
        status = 401;
      } else {
        Integer next = statuses.poll();
        status = next == null ? 200 : next;
        if (status / 100 == 2) {
          accepted.add(
              new Received(
                  exchange.getRequestHeaders().getFirst("X-Alize-Delivery"),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  new String(body, StandardCharsets.UTF_8)));
        }
      }
    }
    byte[] answer =
        (status == 401 ? "bad signature" : status / 100 == 2 ? "ok" : "try again later")
            .getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  private boolean valid(String header, byte[] body) {
    if (header == null || !header.startsWith("sha256=")) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] expected = mac.doFinal(body);
      byte[] given = HexFormat.of().parseHex(header.substring("sha256=".length()));
      return MessageDigest.isEqual(expected, given);
    } catch (IllegalArgumentException | java.security.GeneralSecurityException e) {
      return false;
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
