package dev.alize.consumer.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.fetch.Fetchers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import javax.net.ssl.SSLContext;

/** Where a publisher takes enrolments and reports, how to reach it, and how to read refusals. */
final class ReportUrls {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The longest answer read for a reason. */
  private static final int MAX_REASON = 300;

  private ReportUrls() {}

  /** A client trusting what the subscription trusts for its repository, with short timeouts. */
  static HttpClient client(Subscription subscription) {
    SSLContext tls = Fetchers.tls(subscription);
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(ReportSender.TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER);
    if (tls != null) {
      builder.sslContext(tls);
    }
    return builder.build();
  }

  static URI reports(URI base) {
    return resolve(base, "api/v1/reports");
  }

  static URI sites(URI base) {
    return resolve(base, "api/v1/sites");
  }

  private static URI resolve(URI base, String path) {
    String s = base.toString();
    return URI.create(s.endsWith("/") ? s : s + "/").resolve(path);
  }

  /** The reason a publisher gave: its {@code error} field, or the start of its answer. */
  static String reason(String body) {
    if (body == null || body.isBlank()) {
      return "no reason given";
    }
    String text = body.length() > 4 * MAX_REASON ? body.substring(0, 4 * MAX_REASON) : body;
    try {
      JsonNode error = JSON.readTree(text).path("error");
      if (error.isTextual()) {
        text = error.textValue();
      }
    } catch (IOException e) {
      // Not JSON: its start is the reason.
    }
    return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
  }
}
