package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class PlainHttpOnlyTest {

  @Test
  void onlyPlainHttpUrlsAreTakenAsPlainHttp() {
    assertTrue(PlainHttpOnly.all(URI.create("http://127.0.0.1:8080/metadata/"), null));
    assertTrue(PlainHttpOnly.all(URI.create("HTTP://example.org/m/"), URI.create("http://x/t/")));
    assertFalse(PlainHttpOnly.all(URI.create("http://example.org/m/"), URI.create("https://x/t/")));
    assertFalse(PlainHttpOnly.all(URI.create("https://example.org/m/"), null));
    assertFalse(PlainHttpOnly.all(URI.create("metadata/"), null));
  }

  @Test
  void theContextRefusesEveryTlsUse() {
    SSLContext context = PlainHttpOnly.context();
    assertNotNull(context.getDefaultSSLParameters());
    assertThrows(UnsupportedOperationException.class, context::createSSLEngine);
    assertThrows(UnsupportedOperationException.class, context::getSocketFactory);
  }

  @Test
  void theJdkClientFetchesPlainHttpWithIt() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      HttpClient client = HttpClient.newBuilder().sslContext(PlainHttpOnly.context()).build();
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/x.json");
      HttpResponse<String> response =
          client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      assertEquals("{}", response.body());
    } finally {
      server.stop(0);
    }
  }
}
