package dev.alize.publisher.api;

import static dev.alize.publisher.cli.SampleDatasources.ACME;
import static dev.alize.publisher.cli.SampleDatasources.EOLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import dev.alize.common.token.TokenValue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** No token reaches a log line, whatever the level and whatever the call made of it. */
class TokenLoggingTest {

  @TempDir Path temp;

  @Test
  void tokens_neverAppearInTheLogs_evenAtTrace() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level level = root.getLevel();
    Appender<ILoggingEvent> console = root.getAppender("STDERR");
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    String wrong = TokenValue.generate(new SecureRandom());
    List<String> tokens = new ArrayList<>();
    root.addAppender(captured);
    if (console != null) {
      root.detachAppender(console);
    }
    root.setLevel(Level.TRACE);
    try (PrintStream both = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      System.setOut(both);
      System.setErr(both);
      try (ApiServer api = ApiServer.start(temp)) {
        tokens.add(api.eoleToken);
        tokens.add(api.acmeToken);
        tokens.add(wrong);
        String releases = "/api/v1/datasources/eole/releases?version=1.0.0";
        assertEquals(201, api.post(releases, api.eoleToken, TestArchives.of(EOLE)).statusCode());
        assertEquals(409, api.post(releases, api.eoleToken, TestArchives.of(EOLE)).statusCode());
        assertEquals(401, api.post(releases, wrong, TestArchives.of(EOLE)).statusCode());
        assertEquals(403, api.post(releases, api.acmeToken, TestArchives.of(EOLE)).statusCode());
        assertEquals(400, api.post(releases, api.eoleToken, TestArchives.of(ACME)).statusCode());
        String raw = api.raw("POST", "/api/v1/datasources/EOLE/releases", wrong, new byte[0]);
        assertTrue(raw.startsWith("HTTP/1.1 400"), raw);
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
      root.setLevel(level);
      root.detachAppender(captured);
      if (console != null) {
        root.addAppender(console);
      }
    }
    StringBuilder all = new StringBuilder(printed.toString(StandardCharsets.UTF_8));
    for (ILoggingEvent event : captured.list) {
      all.append(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
      all.append(' ').append(event.getMDCPropertyMap()).append('\n');
      if (event.getThrowableProxy() != null) {
        all.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
      }
    }
    String logs = all.toString();
    assertTrue(
        logs.contains("token eole-ci released eole 1.0.0 to testing"),
        "the capture works: the release is logged");
    for (String token : tokens) {
      assertFalse(logs.contains(token), "a token is in the logs");
      assertFalse(logs.contains(token.substring(0, 12)), "a part of a token is in the logs");
    }
    assertFalse(logs.contains("Bearer " + tokens.get(0).charAt(0)), "an Authorization header");
  }
}
