package dev.alize.consumer.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.alize.common.crypto.PublicKey;
import dev.alize.common.report.ReportSignature;
import dev.alize.common.report.SiteEnrolment;
import dev.alize.common.report.SiteReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A publisher's report endpoints on 127.0.0.1, as strict as the real ones about what it accepts: an
 * enrolment with the expected token, then only reports signed by the enrolled key, of that site,
 * with growing sequence numbers. It can be told to be down (503).
 */
final class ReportReceiver implements AutoCloseable {

  /** One report accepted, with its exact bytes. */
  record Received(SiteReport report, String body) {}

  private final HttpServer server;
  private final String token;
  private final List<Received> accepted = new ArrayList<>();
  private final List<String> refusals = new ArrayList<>();
  private SiteEnrolment enrolled;
  private long lastSequence;
  private boolean down;
  private int requests;

  ReportReceiver(String token) throws IOException {
    this.token = token;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1/sites", this::enrol);
    server.createContext("/api/v1/reports", this::report);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  synchronized void down(boolean isDown) {
    down = isDown;
  }

  synchronized SiteEnrolment enrolled() {
    return enrolled;
  }

  synchronized List<Received> accepted() {
    return List.copyOf(accepted);
  }

  synchronized List<String> refusals() {
    return List.copyOf(refusals);
  }

  synchronized int requests() {
    return requests;
  }

  private void enrol(HttpExchange exchange) throws IOException {
    byte[] body = read(exchange);
    synchronized (this) {
      requests++;
      if (down) {
        answer(exchange, 503, "down");
        return;
      }
      SiteEnrolment e = SiteEnrolment.parse(body);
      if (!e.token().equals(token)) {
        answer(exchange, 401, "unknown, expired or used enrolment token");
        return;
      }
      enrolled = e;
    }
    answer(exchange, 201, null);
  }

  private void report(HttpExchange exchange) throws IOException {
    byte[] body = read(exchange);
    String refusal;
    synchronized (this) {
      requests++;
      if (down) {
        answer(exchange, 503, "down");
        return;
      }
      refusal = refusal(exchange, body);
      if (refusal == null) {
        SiteReport report = SiteReport.parse(body);
        lastSequence = report.sequence();
        accepted.add(new Received(report, new String(body, StandardCharsets.UTF_8)));
      } else {
        refusals.add(refusal);
      }
    }
    answer(exchange, refusal == null ? 202 : 409, refusal);
  }

  private String refusal(HttpExchange exchange, byte[] body) {
    if (enrolled == null) {
      return "unknown site";
    }
    PublicKey key = enrolled.key();
    String site = exchange.getRequestHeaders().getFirst(ReportSignature.SITE);
    String signature = exchange.getRequestHeaders().getFirst(ReportSignature.SIGNATURE);
    if (!enrolled.site().equals(site) || !ReportSignature.verify(key, body, signature)) {
      return "bad signature";
    }
    SiteReport report = SiteReport.parse(body);
    if (!report.site().equals(site) || !report.label().equals(enrolled.label())) {
      return "another site or label";
    }
    if (report.sequence() <= lastSequence) {
      return "replayed";
    }
    return null;
  }

  private static byte[] read(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return in.readAllBytes();
    }
  }

  private static void answer(HttpExchange exchange, int status, String error) throws IOException {
    byte[] body =
        error == null
            ? new byte[0]
            : ("{\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
