package dev.alize.common.notify;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs JSON to a receiver that authenticates it by an HMAC-SHA256 of the body under a shared
 * secret, so that nobody else can forge a notification; a delivery id lets the receiver drop the
 * duplicates that retries may cause. The consumer's admins and the publisher's maintainers are
 * notified this same way.
 */
public final class WebhookSender {

  /** {@code sha256=} and the hex HMAC-SHA256 of the exact body bytes. */
  public static final String SIGNATURE_HEADER = "X-Alize-Signature";

  /** The outbox row's id, the same on every retry of one notification. */
  public static final String DELIVERY_HEADER = "X-Alize-Delivery";

  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** How much of a refusal's body goes into the error message. */
  private static final int ANSWER_KEPT = 300;

  private final WebhookTarget settings;
  private final String userAgent;
  private final HttpClient client;

  /**
   * @param userAgent who sends: {@code alize-consumer}
   */
  public WebhookSender(WebhookTarget settings, String userAgent) {
    this.settings = settings;
    this.userAgent = userAgent;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * POSTs {@code body}.
   *
   * @param deliveryId the same on every retry of one notification
   * @throws DeliveryException when the receiver cannot be reached, is too slow or refuses
   */
  public void send(byte[] body, String deliveryId) throws DeliveryException {
    HttpRequest request =
        HttpRequest.newBuilder(settings.url())
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", userAgent)
            .header(SIGNATURE_HEADER, signature(body, settings.secret()))
            .header(DELIVERY_HEADER, deliveryId)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    CompletableFuture<HttpResponse<Void>> exchange =
        client.sendAsync(request, info -> keepingTheStart(answer));
    HttpResponse<Void> response;
    try {
      response = exchange.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new DeliveryException(
          "webhook " + settings.shown() + ": no answer within " + TIMEOUT.toSeconds() + " s", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw new DeliveryException(
            "webhook " + settings.shown() + ": no answer within " + TIMEOUT.toSeconds() + " s",
            cause);
      }
      throw new DeliveryException("webhook " + settings.shown() + ": " + describe(cause), cause);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new DeliveryException("webhook " + settings.shown() + ": interrupted", e);
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      String text;
      synchronized (answer) {
        text = answer.toString(StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
      }
      throw new DeliveryException(
          "webhook "
              + settings.shown()
              + " answered HTTP "
              + status
              + (text.isEmpty() ? "" : ": " + text));
    }
  }

  /** Reads the whole answer but keeps only its start, for the error message. */
  private static HttpResponse.BodySubscriber<Void> keepingTheStart(ByteArrayOutputStream start) {
    return HttpResponse.BodySubscribers.ofByteArrayConsumer(
        chunk ->
            chunk.ifPresent(
                bytes -> {
                  synchronized (start) {
                    int room = ANSWER_KEPT - start.size();
                    if (room > 0) {
                      start.write(bytes, 0, Math.min(room, bytes.length));
                    }
                  }
                }));
  }

  /** The value of {@link #SIGNATURE_HEADER} for {@code body}: {@code sha256=<hex>}. */
  public static String signature(byte[] body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + message.strip();
  }
}
