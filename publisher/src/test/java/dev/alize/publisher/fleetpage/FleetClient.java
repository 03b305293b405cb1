package dev.alize.publisher.fleetpage;

import dev.alize.publisher.api.ApiServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocket;

/**
 * The fleet page over plain HTTPS, as a script or an attacker without a browser would use it: sign
 * in, read a page's form token, post forms with or without it, send paths exactly as written.
 * Redirects are not followed, so that a test sees each answer.
 */
final class FleetClient {

  private static final Pattern FORM_TOKEN =
      Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");

  private final ApiServer api;
  private final HttpClient http;
  private String cookie;

  FleetClient(ApiServer api) {
    this.api = api;
    this.http =
        HttpClient.newBuilder()
            .sslContext(api.pinned)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Signs in with {@code token}; the session's cookie is sent with every later request. */
  HttpResponse<String> signIn(String token) throws Exception {
    HttpResponse<String> answer = post("/fleet/sign-in", Map.of("token", token));
    answer
        .headers()
        .allValues("set-cookie")
        .forEach(
            c -> {
              if (c.startsWith(FleetSessions.COOKIE + "=")) {
                cookie = c.substring(0, c.indexOf(';'));
              }
            });
    return answer;
  }

  /** The session's cookie, as {@code alize-fleet=VALUE}, or null before signing in. */
  String cookie() {
    return cookie;
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The form token of the page at {@code path}, as its forms carry it. */
  String formToken(String path) throws Exception {
    HttpResponse<String> page = get(path);
    Matcher m = FORM_TOKEN.matcher(page.body());
    if (!m.find()) {
      throw new IllegalStateException("no form token on " + path + ": " + page.body());
    }
    return m.group(1);
  }

  /** Posts {@code fields} as a form, as they are. */
  HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
    String body =
        fields.entrySet().stream()
            .map(
                f ->
                    URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return http.send(
        request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(api.uri(path)).timeout(Duration.ofSeconds(30));
    if (cookie != null) {
      builder.header("Cookie", cookie);
    }
    return builder;
  }

  /** GET {@code target} exactly as written, with the session's cookie: the raw answer. */
  String raw(String target) throws IOException {
    try (SSLSocket socket =
        (SSLSocket) api.pinned.getSocketFactory().createSocket("127.0.0.1", api.server.port())) {
      socket.setSoTimeout(20_000);
      StringBuilder head = new StringBuilder();
      head.append("GET ").append(target).append(" HTTP/1.1\r\n");
      head.append("Host: 127.0.0.1:").append(api.server.port()).append("\r\n");
      if (cookie != null) {
        head.append("Cookie: ").append(cookie).append("\r\n");
      }
      head.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      return response.toString(StandardCharsets.UTF_8);
    }
  }

  static int status(String raw) {
    return Integer.parseInt(raw.substring(9, 12));
  }
}
