package dev.alize.publisher.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.tls.ServerCertificate;
import dev.alize.common.tls.ServerCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The polls of metadata that every consumer sends, over real HTTPS and raw bytes: a plain poll is
 * answered byte for byte as the same request is when anything unusual in it (here an {@code Accept:
 * *}{@code /*} header) hands it to Micronaut's route, on kept and pipelined connections.
 */
class MetadataPollsTest {

  /** Hands a request to Micronaut's route without changing its answer. */
  private static final String UNUSUAL = "Accept: */*\r\n";

  private static final Pattern HTTP_DATE =
      Pattern.compile("[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");

  @TempDir static Path temp;

  private static TestRepository repository;
  private static PublisherServer server;
  private static SSLContext pinned;

  /** A response read off the wire: its status line and headers as sent, and its body. */
  private record Answer(String head, String body) {
    int status() {
      return Integer.parseInt(head.substring(9, 12));
    }

    /** The header lines in order, each date replaced by its name: two seconds may differ. */
    List<String> lines() {
      List<String> lines = new ArrayList<>();
      for (String line : head.split("\r\n")) {
        String name = line.substring(0, Math.max(0, line.indexOf(':'))).toLowerCase(Locale.ROOT);
        if (name.equals("date") || name.equals("expires")) {
          assertTrue(HTTP_DATE.matcher(line.substring(line.indexOf(':') + 2)).matches(), line);
          line = line.substring(0, line.indexOf(':'));
        }
        lines.add(line);
      }
      return lines;
    }

    String header(String name) {
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
      return null;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    repository = TestRepository.create(temp);
    Path keys = temp.resolve("keys");
    ServerCertificate certificate =
        ServerCertificates.loadOrCreate(
            keys.resolve("tls"), ServerSettings.CERTIFICATE_ORGANIZATION, Clock.systemUTC());
    server =
        PublisherServer.start(
            new ServerSettings(repository.repo, keys, "127.0.0.1", 0, certificate));
    pinned = PinnedClients.trusting(certificate.leaf());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String request(String method, String target, String headers) {
    return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n";
  }

  private static String timestamp() throws IOException {
    return Files.readString(repository.metadata("timestamp.json"));
  }

  private static String lastModified(String name) throws IOException {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(
        Files.getLastModifiedTime(repository.metadata(name))
            .toInstant()
            .truncatedTo(ChronoUnit.SECONDS)
            .atZone(ZoneOffset.UTC));
  }

  /**
   * Sends {@code requests} in one write on one connection, the last with {@code Connection: close},
   * and reads their answers, of {@code methods} in the same order, until the server closes.
   */
  private static List<Answer> exchange(List<String> methods, List<String> requests)
      throws IOException {
    try (SSLSocket socket =
        (SSLSocket) pinned.getSocketFactory().createSocket("127.0.0.1", server.port())) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(String.join("", requests).getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      in.transferTo(received);
      return split(methods, received.toString(StandardCharsets.ISO_8859_1));
    }
  }

  private static List<Answer> split(List<String> methods, String raw) {
    List<Answer> answers = new ArrayList<>();
    int at = 0;
    for (String method : methods) {
      int end = raw.indexOf("\r\n\r\n", at);
      if (end < 0) {
        // The server closed the connection after the answer before.
        break;
      }
      Answer head = new Answer(raw.substring(at, end), "");
      at = end + 4;
      if (method.equals("HEAD") || head.status() == 304) {
        answers.add(head);
      } else if ("chunked".equals(head.header("Transfer-Encoding"))) {
        StringBuilder body = new StringBuilder();
        for (int size = -1; size != 0; ) {
          int line = raw.indexOf("\r\n", at);
          size = Integer.parseInt(raw.substring(at, line), 16);
          body.append(raw, line + 2, line + 2 + size);
          at = line + 2 + size + 2;
        }
        answers.add(new Answer(head.head(), body.toString()));
      } else {
        int size = Integer.parseInt(head.header("Content-Length"));
        answers.add(new Answer(head.head(), raw.substring(at, at + size)));
        at += size;
      }
    }
    assertEquals(raw.length(), at, "more than the answers: " + raw.substring(at));
    return answers;
  }

  /**
   * The answer to one request alone on its connection, then to a second request if the server kept
   * the connection open.
   */
  private static Answer one(String method, String target, String headers) throws IOException {
    return exchange(
            List.of(method, "GET"),
            List.of(
                request(method, target, headers),
                request("GET", "/health", "Connection: close\r\n")))
        .get(0);
  }

  /** The plain request and the same with an unusual header are answered alike. */
  private static Answer assertAnsweredAsByTheRoute(String method, String target, String headers)
      throws IOException {
    Answer plain = one(method, target, headers);
    Answer routed = one(method, target, headers + UNUSUAL);
    assertEquals(routed.lines(), plain.lines(), method + " " + target + " " + headers);
    assertEquals(routed.body(), plain.body());
    return plain;
  }

  @Test
  void plainGet_isTheFileWithTheRoutesHeaders() throws Exception {
    Answer answer = assertAnsweredAsByTheRoute("GET", "/metadata/timestamp.json", "");
    assertEquals(200, answer.status());
    assertEquals(timestamp(), answer.body());
    assertEquals(
        '"' + TestRepository.sha256(timestamp().getBytes(StandardCharsets.UTF_8)) + '"',
        answer.header("ETag"));
    assertEquals("no-cache", answer.header("Cache-Control"));
    assertEquals("application/json", answer.header("Content-Type"));
    assertEquals(Integer.toString(timestamp().length()), answer.header("Content-Length"));
    assertEquals(lastModified("timestamp.json"), answer.header("Last-Modified"));
    assertEquals("nosniff", answer.header("X-Content-Type-Options"));
  }

  @Test
  void plainHead_hasTheHeadersButNoBody() throws Exception {
    Answer answer = assertAnsweredAsByTheRoute("HEAD", "/metadata/2.root.json", "");
    assertEquals(200, answer.status());
    assertEquals("", answer.body());
    assertEquals("public, max-age=31536000, immutable", answer.header("Cache-Control"));
  }

  @Test
  void ifNoneMatch_ofTheCurrentTag_is304() throws Exception {
    String etag = one("GET", "/metadata/timestamp.json", "").header("ETag");
    Answer answer =
        assertAnsweredAsByTheRoute(
            "GET", "/metadata/timestamp.json", "If-None-Match: " + etag + "\r\n");
    assertEquals(304, answer.status());
    assertEquals(etag, answer.header("ETag"));
    assertEquals(
        200,
        assertAnsweredAsByTheRoute(
                "GET", "/metadata/timestamp.json", "If-None-Match: \"other\"\r\n")
            .status());
  }

  @Test
  void ifModifiedSince_theFilesDate_is304_andAnEarlierOne200() throws Exception {
    String modified = lastModified("timestamp.json");
    assertEquals(
        304,
        assertAnsweredAsByTheRoute(
                "GET", "/metadata/timestamp.json", "If-Modified-Since: " + modified + "\r\n")
            .status());
    assertEquals(
        200,
        assertAnsweredAsByTheRoute(
                "GET",
                "/metadata/timestamp.json",
                "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT\r\n")
            .status());
    assertEquals(
        200,
        assertAnsweredAsByTheRoute(
                "GET", "/metadata/timestamp.json", "If-Modified-Since: yesterday\r\n")
            .status());
  }

  @Test
  void missingNextRoot_is404() throws Exception {
    assertEquals(404, assertAnsweredAsByTheRoute("GET", "/metadata/3.root.json", "").status());
    assertEquals(404, assertAnsweredAsByTheRoute("HEAD", "/metadata/3.root.json", "").status());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/metadata/timestamp.json?x=1",
        "/metadata/../audit.log",
        "/metadata/..%2faudit.log",
        "/metadata/%2e%2e/audit.log",
        "/metadata/.timestamp.json",
        "/metadata/audit.json",
        "/metadata//timestamp.json",
        "/metadata/"
      })
  void unusualTargets_areAnsweredAsBefore(String target) throws Exception {
    Answer answer = assertAnsweredAsByTheRoute("GET", target, "");
    assertFalse(answer.body().contains("SECRET"), answer.body());
  }

  @Test
  void overlongName_isAnsweredAsBefore() throws Exception {
    int status =
        assertAnsweredAsByTheRoute("GET", "/metadata/" + "a".repeat(2000) + ".json", "").status();
    assertTrue(status == 400 || status == 404 || status == 414, Integer.toString(status));
  }

  @Test
  void absoluteFormTarget_isAnsweredAsBefore() throws Exception {
    assertAnsweredAsByTheRoute(
        "GET", "https://127.0.0.1:" + server.port() + "/metadata/timestamp.json", "");
  }

  @Test
  void unusualHeaders_stillGetTheFile() throws Exception {
    for (String header :
        List.of("X-Request-Id: 7\r\n", "Accept-Encoding: gzip\r\n", "Connection: keep-alive\r\n")) {
      Answer answer = one("GET", "/metadata/timestamp.json", header);
      assertEquals(200, answer.status(), header);
      assertEquals(timestamp(), answer.body(), header);
    }
  }

  @Test
  void pipelinedRequests_areAnsweredInOrder_andTheConnectionClosedAfterTheLast() throws Exception {
    String etag = one("GET", "/metadata/timestamp.json", "").header("ETag");
    List<Answer> answers =
        exchange(
            List.of("GET", "GET", "GET", "HEAD", "GET", "GET", "GET"),
            List.of(
                request("GET", "/metadata/timestamp.json", ""),
                request("GET", "/health", ""),
                request("GET", "/metadata/timestamp.json", "If-None-Match: " + etag + "\r\n"),
                request("HEAD", "/metadata/1.snapshot.json", ""),
                request("GET", "/targets/" + TestRepository.TARGET, ""),
                request("GET", "/metadata/3.root.json", ""),
                request("GET", "/metadata/timestamp.json", "Connection: close\r\n")));
    assertEquals(
        List.of(200, 200, 304, 200, 200, 404, 200), answers.stream().map(Answer::status).toList());
    assertEquals(timestamp(), answers.get(0).body());
    assertTrue(answers.get(1).body().contains("UP"), answers.get(1).body());
    assertEquals(new String(TestRepository.ARCHIVE, StandardCharsets.UTF_8), answers.get(4).body());
    assertEquals(timestamp(), answers.get(6).body());
    assertEquals("close", answers.get(6).header("Connection"));
  }

  @Test
  void polls_areCountedAsBefore() throws Exception {
    String etag = one("GET", "/metadata/timestamp.json", "").header("ETag");
    String before = prometheus();
    exchange(
        List.of("GET", "GET", "HEAD", "GET", "GET", "GET"),
        List.of(
            request("GET", "/metadata/timestamp.json", ""),
            request("GET", "/metadata/timestamp.json", ""),
            request("HEAD", "/metadata/timestamp.json", ""),
            request("GET", "/metadata/timestamp.json", "If-None-Match: " + etag + "\r\n"),
            request("GET", "/metadata/3.root.json", ""),
            request("GET", "/health", "Connection: close\r\n")));
    String after = prometheus();
    assertEquals(2, increase(before, after, "GET", 200));
    assertEquals(1, increase(before, after, "HEAD", 200));
    assertEquals(1, increase(before, after, "GET", 304));
    assertEquals(1, increase(before, after, "GET", 404));
    assertEquals(
        2 * timestamp().length(),
        metric(after, "alize_publisher_served_bytes_total", "area=\"metadata\"")
            - metric(before, "alize_publisher_served_bytes_total", "area=\"metadata\""));
  }

  private static String prometheus() throws IOException {
    return one("GET", "/prometheus", "").body();
  }

  private static double increase(String before, String after, String method, int status) {
    String labels = "area=\"metadata\",method=\"" + method + "\",status=\"" + status + "\"";
    return metric(after, "alize_publisher_requests_total", labels)
        - metric(before, "alize_publisher_requests_total", labels);
  }

  /** The value of one sample of the Prometheus text format, 0 when absent. */
  private static double metric(String metrics, String name, String labels) {
    Matcher m =
        Pattern.compile(
                "^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)$", Pattern.MULTILINE)
            .matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
