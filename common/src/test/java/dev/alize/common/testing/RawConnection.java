package dev.alize.common.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A connection to a server under test, written and read as raw bytes, as a hostile client would:
 * slowly, past a refusal, or with request lines no HTTP client sends. Reads wait at most {@link
 * #PROMPTLY}, so that a server that holds the connection fails the test rather than stalls it.
 */
public final class RawConnection implements AutoCloseable {

  /** Well past the servers' bounds under test (1 s), well short of Micronaut's own (minutes). */
  public static final Duration PROMPTLY = Duration.ofSeconds(6);

  /** What no error body may show: Java names, files, database URLs, the JVM's own words. */
  private static final Pattern LEAK =
      Pattern.compile(
          "(java|javax|jakarta|io\\.micronaut|io\\.netty|dev\\.alize|com\\.fasterxml)\\.[a-z]"
              + "|Exception|\\.java\\b|jdbc:|Java heap space|/tmp/|/home/|/root/|_links|_embedded");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Socket socket;
  private final OutputStream out;

  /** Bytes of chunked body sent by {@link #streamChunks()}, and whether a write of it failed. */
  private final AtomicLong sent = new AtomicLong();

  private final AtomicBoolean cutOff = new AtomicBoolean();

  private RawConnection(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout((int) PROMPTLY.toMillis());
    out = socket.getOutputStream();
  }

  /** To 127.0.0.1:{@code port}, over TLS with {@code tls} when it is not null. */
  private static RawConnection open(int port, SSLContext tls) throws IOException {
    if (tls == null) {
      return new RawConnection(new Socket("127.0.0.1", port));
    }
    SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return new RawConnection(socket);
  }

  /** Sends {@code request} whole and reads the answer until the server closes. */
  private static String exchange(int port, SSLContext tls, String request) throws IOException {
    try (RawConnection connection = open(port, tls)) {
      connection.send(request);
      return connection.readAll();
    }
  }

  /**
   * Sends {@code head}, a request line and headers left unfinished, then a header line every 200
   * ms: the server answers 408 with an error body and closes within {@link #PROMPTLY}.
   */
  public static void assertSlowHeadersCutOff(int port, SSLContext tls, String head)
      throws IOException {
    try (RawConnection connection = open(port, tls)) {
      connection.send(head);
      connection.trickleHeaders();
      long started = System.nanoTime();
      String answer = connection.readAll();
      assertPrompt(started);
      assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
      assertErrorBody(body(answer));
    }
  }

  /**
   * Sends {@code request}, whose body is shorter than its Content-Length, then nothing: the server
   * closes, with no answer or a 408, within {@link #PROMPTLY}.
   */
  public static void assertSilentBodyCutOff(int port, SSLContext tls, String request)
      throws IOException {
    try (RawConnection connection = open(port, tls)) {
      connection.send(request);
      long started = System.nanoTime();
      String answer = connection.readAll();
      assertPrompt(started);
      assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 408 "), answer);
    }
  }

  /**
   * Sends {@code head}, of a chunked request, then streams chunks: the server answers {@code
   * status} with an error body and {@code Connection: close}, and cuts the stream off within {@link
   * #PROMPTLY}.
   */
  public static void assertStreamCutOffAfter(int port, SSLContext tls, String head, int status)
      throws IOException, InterruptedException {
    try (RawConnection connection = open(port, tls)) {
      connection.send(head);
      Thread upload = connection.streamChunks();
      long started = System.nanoTime();
      String answer = connection.readAll();
      assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), answer);
      assertTrue(head(answer).contains("\r\nconnection: close"), answer);
      assertErrorBody(body(answer));
      upload.join(PROMPTLY.toMillis());
      assertPrompt(started);
      assertTrue(
          connection.cutOff.get(),
          "the server read " + connection.sent.get() + " bytes and is reading on");
    }
  }

  /** Sends {@code request} whole: the server answers {@code status} with an error body. */
  public static void assertRefused(int port, SSLContext tls, String request, int status)
      throws IOException {
    String answer = exchange(port, tls, request);
    assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), answer);
    assertErrorBody(body(answer));
  }

  private void send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Sends a header line every 200 ms, on a thread of its own, until a write fails. */
  private Thread trickleHeaders() {
    return background(
        () -> {
          try {
            for (int i = 0; i < 100; i++) {
              send("X-Slow-" + i + ": a\r\n");
              Thread.sleep(200);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /** Sends chunks of 64 KiB, up to 1 GiB, on a thread of its own, until a write fails. */
  private Thread streamChunks() {
    return background(
        () -> {
          byte[] chunk = new byte[64 * 1024];
          Arrays.fill(chunk, (byte) ' ');
          byte[] size =
              (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.UTF_8);
          byte[] end = "\r\n".getBytes(StandardCharsets.UTF_8);
          for (int i = 0; i < 16 * 1024; i++) {
            out.write(size);
            out.write(chunk);
            out.write(end);
            sent.addAndGet(chunk.length);
          }
          out.flush();
        });
  }

  /** What the server sends until it closes; a read that waits {@link #PROMPTLY} fails the test. */
  private String readAll() throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        received.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError(
          "the connection is still open after "
              + PROMPTLY
              + ", having answered: "
              + received.toString(StandardCharsets.UTF_8),
          e);
    } catch (IOException e) {
      // Reset after its answer: what was read is the answer.
    }
    return received.toString(StandardCharsets.UTF_8);
  }

  /** The status line and headers of a raw answer, lower-cased. */
  private static String head(String answer) {
    int end = answer.indexOf("\r\n\r\n");
    return (end < 0 ? answer : answer.substring(0, end)).toLowerCase(java.util.Locale.ROOT);
  }

  private static String body(String answer) {
    int end = answer.indexOf("\r\n\r\n");
    return end < 0 ? "" : answer.substring(end + 4);
  }

  /** {@code body} is {@code {"error": "..."}} and shows nothing of the server's insides. */
  public static void assertErrorBody(String body) {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
    assertTrue(json.path("error").isTextual() && !json.get("error").asText().isBlank(), body);
    assertTrue(!LEAK.matcher(body).find(), body);
  }

  /** Fails unless less than {@link #PROMPTLY} has passed since {@code startedNanos}. */
  private static void assertPrompt(long startedNanos) {
    Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
    assertTrue(took.compareTo(PROMPTLY) < 0, "the server took " + took);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private interface Writes {
    void run() throws IOException;
  }

  private Thread background(Writes writes) {
    Thread thread =
        new Thread(
            () -> {
              try {
                writes.run();
              } catch (IOException e) {
                cutOff.set(true);
              }
            },
            "hostile-client");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
