package dev.alize.consumer.console;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console over plain HTTP, as a script or an attacker without a browser would use it: sign in,
 * read a page's form token, post forms with or without it. Redirects are not followed, so that a
 * test sees each answer.
 */
public final class ConsoleClient {

  private static final Pattern FORM_TOKEN =
      Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          // As a browser: no cleartext HTTP/2 upgrade, which the server refuses on a request with a
          // body.
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private final String base;
  private String cookie;

  /** A client of the console served at {@code base}, as http://127.0.0.1:8480. */
  public ConsoleClient(String base) {
    this.base = base;
  }

  /** Signs in with {@code token}; the session's cookie is sent with every later request. */
  public HttpResponse<String> signIn(String token) throws IOException, InterruptedException {
    HttpResponse<String> answer = post("/console/sign-in", Map.of("token", token));
    answer
        .headers()
        .allValues("set-cookie")
        .forEach(
            c -> {
              if (c.startsWith(ConsoleSessions.COOKIE + "=")) {
                cookie = c.substring(0, c.indexOf(';'));
              }
            });
    return answer;
  }

  /** The session's cookie, as {@code alize-console=VALUE}, or null before signing in. */
  public String cookie() {
    return cookie;
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).GET().build());
  }

  /** The form token of the page at {@code path}, as its forms carry it. */
  public String formToken(String path) throws IOException, InterruptedException {
    HttpResponse<String> page = get(path);
    Matcher m = FORM_TOKEN.matcher(page.body());
    if (!m.find()) {
      throw new IllegalStateException(
          "no form token on " + path + " (" + page.statusCode() + "): " + page.body());
    }
    return m.group(1);
  }

  /** Posts {@code fields} as a form, with the form token of the console's first page added. */
  public HttpResponse<String> submit(String path, Map<String, String> fields)
      throws IOException, InterruptedException {
    List<Map.Entry<String, String>> all = new ArrayList<>(fields.entrySet());
    all.add(Map.entry(ConsoleForms.FIELD, formToken(ConsoleSessions.PATH)));
    return post(path, all);
  }

  /** Posts {@code fields} as a form, as they are: no form token is added. */
  public HttpResponse<String> post(String path, Map<String, String> fields)
      throws IOException, InterruptedException {
    return post(path, new ArrayList<>(fields.entrySet()));
  }

  /** Posts the fields in order, a name given several times as a form does for checkboxes. */
  public HttpResponse<String> post(String path, List<Map.Entry<String, String>> fields)
      throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(fields)))
            .build());
  }

  /** Sends {@code request} as it is. */
  public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A request for {@code path} with the session's cookie, to add to. */
  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
    if (cookie != null) {
      builder.header("Cookie", cookie);
    }
    return builder;
  }

  static String encode(List<Map.Entry<String, String>> fields) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> f : fields) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8));
    }
    return out.toString();
  }
}
