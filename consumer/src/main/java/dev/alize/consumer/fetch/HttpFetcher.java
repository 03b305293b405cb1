package dev.alize.consumer.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * Fetches over HTTP(S) with the JDK's client: it starts in milliseconds and needs no framework,
 * which a command started hundreds of times in a row wants. Every transfer is bounded in length,
 * time to first byte and average rate.
 */
public final class HttpFetcher implements Fetcher {

  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "alize-download-watchdog");
            t.setDaemon(true);
            return t;
          });

  /** The most of a refused answer's body read so that its connection stays open. */
  private static final long DISCARDED_BYTES = 16 * 1024;

  private final HttpClient client;
  private final FetcherSettings settings;

  /**
   * @param tls the TLS context to trust the server with (a pinned certificate), or null for the
   *     system's trust store
   */
  public HttpFetcher(FetcherSettings settings, SSLContext tls) {
    this.settings = settings;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .sslContext(tls != null ? tls : systemTrust())
            .build();
  }

  private static SSLContext systemTrust() {
    try {
      return PinnedTrust.system();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the system's TLS trust store: " + e, e);
    }
  }

  @Override
  public FetchResult fetch(URI url, long maxLength, String ifNoneMatch) {
    HttpResponse<InputStream> response = send(url, ifNoneMatch);
    try (InputStream body = response.body()) {
      if (response.statusCode() == 304) {
        // Its empty body's end may not have arrived yet: closing before it closes the connection.
        discard(url, body);
        return new FetchResult.NotModified();
      }
      checkStatus(url, response, maxLength);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      copy(url, body, maxLength, out);
      return new FetchResult.Body(
          out.toByteArray(), response.headers().firstValue("ETag").orElse(null));
    } catch (IOException e) {
      throw new DownloadException(url, describe(e), e);
    }
  }

  @Override
  public void fetchTo(URI url, long maxLength, OutputStream out) {
    HttpResponse<InputStream> response = send(url, null);
    try (InputStream body = response.body()) {
      if (response.statusCode() == 304) {
        throw new DownloadException(url, "answered 304 to an unconditional request");
      }
      checkStatus(url, response, maxLength);
      copy(url, body, maxLength, out);
    } catch (IOException e) {
      throw new DownloadException(url, describe(e), e);
    }
  }

  private HttpResponse<InputStream> send(URI url, String ifNoneMatch) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url).timeout(settings.responseTimeout()).GET();
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (java.net.http.HttpConnectTimeoutException e) {
      throw new DownloadException(
          url, "cannot connect within " + settings.connectTimeout().toSeconds() + " s", e);
    } catch (HttpTimeoutException e) {
      throw new DownloadException(
          url, "no answer within " + settings.responseTimeout().toSeconds() + " s", e);
    } catch (IOException e) {
      throw new DownloadException(url, describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DownloadException(url, "interrupted", e);
    }
  }

  /** Refuses every answer but 200, and a declared length over the limit. */
  private void checkStatus(URI url, HttpResponse<InputStream> response, long maxLength) {
    int status = response.statusCode();
    if (status != 200) {
      discard(url, response.body());
    }
    if (status == 404 || status == 403 || status == 410) {
      throw new NotFoundException(url, status);
    }
    if (status != 200) {
      throw new DownloadException(url, "HTTP " + status);
    }
    OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
    if (declared.isPresent() && declared.getAsLong() > maxLength) {
      throw new LengthLimitException(url, maxLength);
    }
  }

  /** Copies at most {@code maxLength} bytes, abandoning a transfer that is too slow. */
  private void copy(URI url, InputStream body, long maxLength, OutputStream out)
      throws IOException {
    AtomicLong received = new AtomicLong();
    AtomicBoolean tooSlow = new AtomicBoolean();
    long start = System.nanoTime();
    ScheduledFuture<?> watchdog =
        WATCHDOG.scheduleAtFixedRate(
            () -> {
              double seconds = (System.nanoTime() - start) / 1e9;
              if (seconds * 1000 > settings.grace().toMillis()
                  && received.get() / seconds < settings.minBytesPerSecond()) {
                tooSlow.set(true);
                closeQuietly(body);
              }
            },
            settings.grace().toMillis(),
            250,
            TimeUnit.MILLISECONDS);
    try {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = body.read(buffer)) >= 0) {
        if (received.addAndGet(n) > maxLength) {
          throw new LengthLimitException(url, maxLength);
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      if (tooSlow.get()) {
        throw new DownloadException(
            url, "transfer slower than " + settings.minBytesPerSecond() + " bytes/s: abandoned", e);
      }
      throw e;
    } finally {
      watchdog.cancel(false);
    }
  }

  /**
   * Reads an answer's body to its end, when short, so that its connection carries the next request:
   * closing a body before its end closes the connection, and every poll's 404 for the next root or
   * 304 for the timestamp would cost the next request a new TLS handshake.
   */
  private void discard(URI url, InputStream body) {
    try {
      copy(url, body, DISCARDED_BYTES, OutputStream.nullOutputStream());
    } catch (IOException | DownloadException e) {
      // Too long, too slow or cut: its connection closes, and the answer is refused all the same.
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // Closing is how the watchdog stops the transfer; the reader reports it.
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    if (e instanceof javax.net.ssl.SSLHandshakeException) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof ServerCertificateException refused) {
          return "TLS handshake failed: " + refused.getMessage();
        }
      }
      return "TLS handshake failed: " + message;
    }
    if (e instanceof java.net.ConnectException) {
      return "cannot connect" + (message == null ? "" : ": " + message);
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
