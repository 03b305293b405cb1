package dev.alize.consumer.fetch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP(S) fetcher against a real server on 127.0.0.1, one test per answer or misbehaviour. */
class HttpFetcherTest {

  private static final FetcherSettings SETTINGS =
      new FetcherSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 1, Duration.ofSeconds(30));
  private static final char[] PASSWORD = "test".toCharArray();

  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private HttpServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.start();
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  @Test
  void fetch_returnsBodyAndEtagOf200() {
    serve("/timestamp.json", exchange -> respond(exchange, 200, "\"v1\"", "{}".getBytes(UTF_8)));

    FetchResult result = fetcher().fetch(url("/timestamp.json"), 100, null);

    FetchResult.Body body = assertInstanceOf(FetchResult.Body.class, result);
    assertArrayEquals("{}".getBytes(UTF_8), body.bytes());
    assertEquals("\"v1\"", body.etag());
  }

  @Test
  void fetch_sendsIfNoneMatchAndReturnsNotModifiedOn304() {
    AtomicReference<String> sent = new AtomicReference<>();
    serve(
        "/timestamp.json",
        exchange -> {
          sent.set(exchange.getRequestHeaders().getFirst("If-None-Match"));
          exchange.sendResponseHeaders(304, -1);
          exchange.close();
        });

    FetchResult result = fetcher().fetch(url("/timestamp.json"), 100, "\"v1\"");

    assertInstanceOf(FetchResult.NotModified.class, result);
    assertEquals("\"v1\"", sent.get());
  }

  @Test
  void fetch_unconditionalRequestAnswered304IsADownloadException() {
    serve(
        "/timestamp.json",
        exchange -> {
          exchange.sendResponseHeaders(304, -1);
          exchange.close();
        });

    DownloadException e =
        assertThrowsExactly(
            DownloadException.class, () -> fetcher().fetch(url("/timestamp.json"), 100));

    assertTrue(e.getMessage().contains("304"), e.getMessage());
  }

  @Test
  void fetch_aNotFoundLeavesItsConnectionToTheNextRequest() {
    List<InetSocketAddress> clients = new CopyOnWriteArrayList<>();
    byte[] page = "no such file ".repeat(200).getBytes(UTF_8);
    serve(
        "/2.root.json",
        exchange -> {
          clients.add(exchange.getRemoteAddress());
          respond(exchange, 404, null, page);
        });
    serve(
        "/timestamp.json",
        exchange -> {
          clients.add(exchange.getRemoteAddress());
          respond(exchange, 200, "\"v1\"", "{}".getBytes(UTF_8));
        });
    HttpFetcher fetcher = fetcher();

    assertThrowsExactly(
        NotFoundException.class, () -> fetcher.fetch(url("/2.root.json"), 100, null));
    fetcher.fetch(url("/timestamp.json"), 100, null);

    assertEquals(2, clients.size());
    assertEquals(clients.get(0), clients.get(1), "one connection for both");
  }

  @Test
  void fetch_unchangedPollsAllTravelOnOneConnection() {
    List<InetSocketAddress> clients = new CopyOnWriteArrayList<>();
    serve(
        "/2.root.json",
        exchange -> {
          clients.add(exchange.getRemoteAddress());
          respond(exchange, 404, null, "no such file".getBytes(UTF_8));
        });
    serve(
        "/timestamp.json",
        exchange -> {
          clients.add(exchange.getRemoteAddress());
          exchange.sendResponseHeaders(304, -1);
          exchange.close();
        });
    HttpFetcher fetcher = fetcher();

    for (int poll = 0; poll < 50; poll++) {
      assertThrowsExactly(
          NotFoundException.class, () -> fetcher.fetch(url("/2.root.json"), 100, null));
      assertInstanceOf(
          FetchResult.NotModified.class, fetcher.fetch(url("/timestamp.json"), 100, "\"v1\""));
    }

    assertEquals(100, clients.size());
    assertEquals(List.of(clients.get(0)), clients.stream().distinct().toList(), "one connection");
  }

  @Test
  void fetch_throwsNotFoundOn404() {
    serve("/2.root.json", exchange -> respond(exchange, 404, null, new byte[0]));

    NotFoundException e =
        assertThrowsExactly(
            NotFoundException.class, () -> fetcher().fetch(url("/2.root.json"), 100, null));

    assertEquals(url("/2.root.json"), e.url());
  }

  @Test
  void fetch_throwsDownloadExceptionOn500() {
    serve("/timestamp.json", exchange -> respond(exchange, 500, null, "oops".getBytes(UTF_8)));

    DownloadException e =
        assertThrowsExactly(
            DownloadException.class, () -> fetcher().fetch(url("/timestamp.json"), 100, null));

    assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
  }

  @Test
  void fetch_doesNotFollowRedirects() {
    serve(
        "/timestamp.json",
        exchange -> {
          exchange.getResponseHeaders().add("Location", "/elsewhere.json");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });

    DownloadException e =
        assertThrowsExactly(
            DownloadException.class, () -> fetcher().fetch(url("/timestamp.json"), 100, null));

    assertTrue(e.getMessage().contains("HTTP 302"), e.getMessage());
  }

  @Test
  void fetch_acceptsBodyOfExactlyTheCap() {
    serve("/snapshot.json", exchange -> respond(exchange, 200, null, new byte[1000]));

    FetchResult result = fetcher().fetch(url("/snapshot.json"), 1000, null);

    assertEquals(1000, assertInstanceOf(FetchResult.Body.class, result).bytes().length);
  }

  @Test
  void fetch_refusesDeclaredLengthAboveTheCapWithoutReadingTheBody() {
    serve(
        "/snapshot.json",
        exchange -> {
          exchange.sendResponseHeaders(200, 10_000_000);
          exchange.getResponseBody().flush();
          await();
          exchange.close();
        });

    LengthLimitException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () ->
                assertThrowsExactly(
                    LengthLimitException.class,
                    () -> fetcher().fetch(url("/snapshot.json"), 1000, null)));

    assertEquals(1000, e.limit());
  }

  @Test
  void fetch_cutsEndlessChunkedBodyAtTheCap() {
    serveEndless("/snapshot.json");

    LengthLimitException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () ->
                assertThrowsExactly(
                    LengthLimitException.class,
                    () -> fetcher().fetch(url("/snapshot.json"), 1_000_000, null)));

    assertEquals(1_000_000, e.limit());
  }

  @Test
  void fetch_refusesChunkedBodyOneByteAboveTheCap() {
    serve(
        "/snapshot.json",
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(new byte[1001]);
          }
        });

    assertThrowsExactly(
        LengthLimitException.class, () -> fetcher().fetch(url("/snapshot.json"), 1000, null));
  }

  @Test
  void fetchTo_writesTheBodyAsItArrives() {
    byte[] body = new byte[3 * 64 * 1024 + 17];
    new java.util.Random(7).nextBytes(body);
    serve("/targets/a.tar.gz", exchange -> respond(exchange, 200, null, body));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    fetcher().fetchTo(url("/targets/a.tar.gz"), body.length, out);

    assertArrayEquals(body, out.toByteArray());
  }

  @Test
  void fetchTo_stopsAnEndlessBodyAtTheCapHavingWrittenNoMore() {
    serveEndless("/targets/a.tar.gz");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThrowsExactly(
                LengthLimitException.class,
                () -> fetcher().fetchTo(url("/targets/a.tar.gz"), 1_000_000, out)));

    assertTrue(out.size() <= 1_000_000 + 64 * 1024, "written: " + out.size());
  }

  @Test
  void fetchTo_throwsNotFoundOn404AndWritesNothing() {
    serve("/targets/a.tar.gz", exchange -> respond(exchange, 404, null, "no".getBytes(UTF_8)));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    assertThrowsExactly(
        NotFoundException.class, () -> fetcher().fetchTo(url("/targets/a.tar.gz"), 100, out));
    assertEquals(0, out.size());
  }

  @Test
  void fetch_abandonsSlowDripAfterTheGracePeriod() {
    serve(
        "/targets.json",
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 300 && release.getCount() > 0; i++) {
              out.write('x');
              out.flush();
              TimeUnit.MILLISECONDS.sleep(100);
            }
          } catch (IOException e) {
            // The client hung up.
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    FetcherSettings slowDrip =
        new FetcherSettings(
            Duration.ofSeconds(5), Duration.ofSeconds(5), 100_000, Duration.ofSeconds(1));
    long start = System.nanoTime();

    DownloadException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () ->
                assertThrowsExactly(
                    DownloadException.class,
                    () ->
                        new HttpFetcher(slowDrip, null)
                            .fetch(url("/targets.json"), 1_000_000, null)));

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(e.getMessage().contains("100000 bytes/s"), e.getMessage());
    assertTrue(took.compareTo(Duration.ofSeconds(1)) >= 0, "abandoned before the grace: " + took);
  }

  @Test
  void fetch_givesUpWhenNoAnswerWithinTheResponseTimeout() {
    serve(
        "/timestamp.json",
        exchange -> {
          await();
          exchange.close();
        });
    FetcherSettings impatient =
        new FetcherSettings(
            Duration.ofSeconds(5), Duration.ofSeconds(1), 1, Duration.ofSeconds(30));

    DownloadException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () ->
                assertThrowsExactly(
                    DownloadException.class,
                    () ->
                        new HttpFetcher(impatient, null).fetch(url("/timestamp.json"), 100, null)));

    assertTrue(e.getMessage().contains("no answer within 1 s"), e.getMessage());
  }

  @Test
  void fetch_reportsConnectionRefused() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port + "/timestamp.json");

    DownloadException e =
        assertThrowsExactly(DownloadException.class, () -> fetcher().fetch(closed, 100, null));

    assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
    assertEquals(closed, e.url());
  }

  // TLS

  @Test
  void fetch_overTlsSucceedsWithThePinnedCertificate() throws Exception {
    TestIdentity identity = TestIdentity.selfSigned();
    URI url = startHttps(identity);

    FetchResult result =
        new HttpFetcher(SETTINGS, trusting(identity.certificate())).fetch(url, 100, null);

    assertArrayEquals(
        "{}".getBytes(UTF_8), assertInstanceOf(FetchResult.Body.class, result).bytes());
  }

  @Test
  void fetch_overTlsFailsWhenAnotherCertificateIsPinned() throws Exception {
    URI url = startHttps(TestIdentity.selfSigned());
    SSLContext other = trusting(TestIdentity.selfSigned().certificate());

    DownloadException e =
        assertThrowsExactly(
            DownloadException.class, () -> new HttpFetcher(SETTINGS, other).fetch(url, 100, null));

    assertTrue(
        e.getMessage()
            .startsWith(url + ": TLS handshake failed: the server's certificate (CN=alize test"),
        e.getMessage());
    assertTrue(e.getMessage().contains(", SHA-256 fingerprint "), e.getMessage());
    assertTrue(e.getMessage().contains(") is not trusted: it is not pinned"), e.getMessage());
    assertEquals(ServerCertificateException.Reason.TRUST, refusal(e).reason());
  }

  @Test
  void fetch_overTlsWithThePinnedFileNamesTheFileWhenAnotherCertificateIsServed(@TempDir Path temp)
      throws Exception {
    URI url = startHttps(TestIdentity.selfSigned());
    Path pinned = temp.resolve("publisher.crt.pem");
    Files.writeString(pinned, TestIdentity.selfSigned().certificatePem());

    DownloadException e =
        assertThrowsExactly(
            DownloadException.class,
            () -> new HttpFetcher(SETTINGS, PinnedTrust.of(pinned)).fetch(url, 100, null));

    assertTrue(
        e.getMessage().contains("is not trusted: it is not the certificate pinned in " + pinned),
        e.getMessage());
  }

  @Test
  void fetch_overTlsWithoutAPinRefusesASelfSignedCertificateAsNotTrustedBySystem()
      throws Exception {
    URI url = startHttps(TestIdentity.selfSigned());

    DownloadException e =
        assertThrowsExactly(
            DownloadException.class, () -> new HttpFetcher(SETTINGS, null).fetch(url, 100, null));

    assertTrue(
        e.getMessage()
            .contains(
                "is not trusted: it is not issued by an authority of the system's trust store"),
        e.getMessage());
  }

  @Test
  void fetch_overTlsByAnAddressTheCertificateDoesNotNameSaysTheHostAndTheNames() throws Exception {
    TestIdentity localhostOnly = TestIdentity.forLocalhostOnly();
    URI url = startHttps(localhostOnly);

    DownloadException e =
        assertThrowsExactly(
            DownloadException.class,
            () ->
                new HttpFetcher(SETTINGS, trusting(localhostOnly.certificate()))
                    .fetch(url, 100, null));

    assertEquals(
        url
            + ": TLS handshake failed: the server's certificate does not name the host 127.0.0.1: it"
            + " names localhost; connect by one of those names, or give the server a certificate"
            + " for 127.0.0.1",
        e.getMessage());
    assertEquals(ServerCertificateException.Reason.NAME, refusal(e).reason());
  }

  @Test
  void fetch_overTlsByTheNameTheCertificateHoldsSucceeds() throws Exception {
    TestIdentity localhostOnly = TestIdentity.forLocalhostOnly();
    URI url = startHttps(localhostOnly);
    URI byName = URI.create(url.toString().replace("127.0.0.1", "localhost"));

    FetchResult result =
        new HttpFetcher(SETTINGS, trusting(localhostOnly.certificate())).fetch(byName, 100, null);

    assertInstanceOf(FetchResult.Body.class, result);
  }

  @Test
  void fetch_overTlsRefusesAnExpiredPinnedCertificateSayingWhen() throws Exception {
    Instant notBefore = Instant.parse("2024-01-01T00:00:00Z");
    Instant notAfter = Instant.parse("2025-01-01T00:00:00Z");
    TestIdentity expired = TestIdentity.validBetween(notBefore, notAfter);
    URI url = startHttps(expired);

    DownloadException e =
        assertThrowsExactly(
            DownloadException.class,
            () -> new HttpFetcher(SETTINGS, trusting(expired.certificate())).fetch(url, 100, null));

    assertEquals(
        url
            + ": TLS handshake failed: the server's certificate (CN=alize test) expired on"
            + " 2025-01-01T00:00:00Z (valid from 2024-01-01T00:00:00Z): the publisher must renew"
            + " it",
        e.getMessage());
    assertEquals(ServerCertificateException.Reason.VALIDITY, refusal(e).reason());
  }

  @Test
  void fetch_overTlsRefusesACertificateNotValidYetSayingFromWhen() throws Exception {
    Instant notBefore = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
    TestIdentity future = TestIdentity.validBetween(notBefore, notBefore.plus(Duration.ofDays(1)));
    URI url = startHttps(future);

    DownloadException e =
        assertThrowsExactly(
            DownloadException.class,
            () -> new HttpFetcher(SETTINGS, trusting(future.certificate())).fetch(url, 100, null));

    assertTrue(
        e.getMessage()
            .startsWith(
                url
                    + ": TLS handshake failed: the server's certificate (CN=alize test) is not valid"
                    + " before "
                    + notBefore
                    + " (it is now "),
        e.getMessage());
    assertEquals(ServerCertificateException.Reason.VALIDITY, refusal(e).reason());
  }

  // Helpers

  /** Answers {@code path} with data that never ends, until the test is over. */
  private void serveEndless(String path) {
    serve(
        path,
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            byte[] chunk = new byte[16 * 1024];
            while (release.getCount() > 0) {
              out.write(chunk);
            }
          } catch (IOException e) {
            // The client hung up: the end of endless data.
          }
        });
  }

  private HttpFetcher fetcher() {
    return new HttpFetcher(SETTINGS, null);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private void serve(String path, HttpHandler handler) {
    server.createContext(path, handler);
  }

  private void await() {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void respond(HttpExchange exchange, int status, String etag, byte[] body)
      throws IOException {
    if (etag != null) {
      exchange.getResponseHeaders().add("ETag", etag);
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** An HTTPS server on 127.0.0.1 presenting {@code identity}, answering {} to everything. */
  private URI startHttps(TestIdentity identity) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "server",
        identity.keys().getPrivate(),
        PASSWORD,
        new Certificate[] {identity.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    HttpsServer https =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(tls));
    https.setExecutor(executor);
    https.createContext("/", exchange -> respond(exchange, 200, null, "{}".getBytes(UTF_8)));
    https.start();
    server.stop(0);
    server = https;
    return URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/timestamp.json");
  }

  /** The certificate's refusal that failed the handshake under {@code e}. */
  private static ServerCertificateException refusal(DownloadException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ServerCertificateException refused) {
        return refused;
      }
    }
    throw new AssertionError("no ServerCertificateException under " + e, e);
  }

  /** A TLS context that trusts {@code certificate} and nothing else, as the consumer pins it. */
  private static SSLContext trusting(X509Certificate certificate) throws GeneralSecurityException {
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("pinned", certificate);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(
          null,
          new TrustManager[] {new ExplainingTrustManager(trusted, "pinned", Clock.systemUTC())},
          null);
      return tls;
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
  }
}
