package dev.alize.consumer.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The admins' side of the consumer's webhook notifications, on 127.0.0.1: checks each POST's {@code
 * X-Alize-Signature} (HMAC-SHA256 of the exact body under the shared secret) as a real receiver
 * must, and writes each notification it accepts into a folder.
 */
final class WebhookReceiver implements AutoCloseable {

  /** A notification accepted: its delivery id, its body and the file it was written to. */
  record Notice(String delivery, JsonNode body, Path file) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 1 << 20;

  private final HttpServer server;
  private final byte[] secret;
  private final Path folder;
  private final List<Notice> accepted = new ArrayList<>();
  private final List<String> refused = new ArrayList<>();

  private WebhookReceiver(HttpServer server, byte[] secret, Path folder) {
    this.server = server;
    this.secret = secret;
    this.folder = folder;
  }

  /** Listens on a free port of 127.0.0.1 at {@code /alize}. */
  static WebhookReceiver start(String secret, Path folder) throws IOException {
    Files.createDirectories(folder);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    WebhookReceiver receiver =
        new WebhookReceiver(server, secret.getBytes(StandardCharsets.UTF_8), folder);
    server.createContext("/alize", receiver::handle);
    server.start();
    return receiver;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alize");
  }

  /** Waits for an accepted notification whose body matches {@code wanted}. */
  Optional<Notice> await(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (true) {
        for (Notice n : accepted) {
          if (wanted.test(n.body())) {
            return Optional.of(n);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** What was refused so far, one line each. */
  synchronized List<String> refused() {
    return List.copyOf(refused);
  }

  /** The notifications accepted so far. */
  synchronized List<Notice> accepted() {
    return List.copyOf(accepted);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      String signature = exchange.getRequestHeaders().getFirst("X-Alize-Signature");
      String delivery = exchange.getRequestHeaders().getFirst("X-Alize-Delivery");
      String expected = "sha256=" + HexFormat.of().formatHex(hmac(body));
      if (body.length > MAX_BODY
          || signature == null
          || !MessageDigest.isEqual(
              expected.getBytes(StandardCharsets.US_ASCII),
              signature.getBytes(StandardCharsets.US_ASCII))) {
        synchronized (this) {
          refused.add(
              "delivery " + delivery + ": signature " + signature + ", expected " + expected);
        }
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      JsonNode json;
      try {
        json = JSON.readTree(body);
      } catch (IOException e) {
        synchronized (this) {
          refused.add("delivery " + delivery + ": not JSON: " + e.getMessage());
        }
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      synchronized (this) {
        boolean again = accepted.stream().anyMatch(n -> n.delivery().equals(delivery));
        if (!again) {
          Path file = folder.resolve("notification-" + (accepted.size() + 1) + ".json");
          Files.write(file, body);
          accepted.add(new Notice(String.valueOf(delivery), json, file));
          notifyAll();
        }
      }
      exchange.sendResponseHeaders(204, -1);
    }
  }

  private byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is missing from this JDK", e);
    }
  }
}
