package dev.alize.common.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LogSetupTest {

  /** What {@code log} wrote on standard error, with the environment {@code env}. */
  private static List<String> logged(Map<String, String> env, Consumer<LoggerContext> log) {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    context.start();
    try {
      assertEquals(
          Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY,
          new LogSetup(env::get).configure(context));
      log.accept(context);
    } finally {
      context.stop();
      System.setErr(saved);
    }
    return err.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void warnByDefault_datedInIso8601_onStandardError() {
    List<String> lines =
        logged(
            Map.of(),
            c -> {
              c.getLogger("dev.alize.x").info("not shown");
              c.getLogger("dev.alize.x").warn("mirror down");
            });
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(
        lines
            .get(0)
            .matches(
                "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) WARN "
                    + " dev\\.alize\\.x - mirror down"),
        lines.get(0));
  }

  @Test
  void levelFromTheEnvironment_neverTheEventsThatHoldTokens() {
    List<String> lines =
        logged(
            Map.of(LogSetup.LEVEL_VARIABLE, "DEBUG"),
            c -> {
              c.getLogger("dev.alize.x").debug("detail");
              c.getLogger("io.micronaut.context.event.ApplicationEventPublisher")
                  .debug("Publishing event TokenValidatedEvent secret-token");
            });
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).endsWith("DEBUG dev.alize.x - detail"), lines.get(0));
  }

  @Test
  void jsonFormat_oneObjectPerLine_withTheExceptionsClassAndMessage() throws Exception {
    List<String> lines =
        logged(
            Map.of(LogSetup.FORMAT_VARIABLE, "json"),
            c -> {
              c.getLogger("dev.alize.x").warn("mirror \"down\"\nsecond line");
              c.getLogger("dev.alize.y")
                  .error("sync failed", new IllegalStateException("no route to host"));
            });
    assertEquals(2, lines.size(), lines.toString());
    ObjectMapper mapper = new ObjectMapper();
    JsonNode first = mapper.readTree(lines.get(0));
    assertEquals(List.of("time", "level", "logger", "message"), fieldNames(first));
    assertTrue(
        first
            .path("time")
            .asText()
            .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2})"),
        first::toString);
    assertEquals("WARN", first.path("level").asText());
    assertEquals("dev.alize.x", first.path("logger").asText());
    assertEquals("mirror \"down\"\nsecond line", first.path("message").asText());
    JsonNode second = mapper.readTree(lines.get(1));
    assertEquals("ERROR", second.path("level").asText());
    assertEquals("sync failed", second.path("message").asText());
    assertEquals("java.lang.IllegalStateException", second.path("exception").asText());
    assertEquals("no route to host", second.path("exceptionMessage").asText());
  }

  @Test
  void unknownFormat_isToldAndTextIsWritten() {
    List<String> lines =
        logged(
            Map.of(LogSetup.FORMAT_VARIABLE, "xml"),
            c -> c.getLogger("dev.alize.x").warn("mirror down"));
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(
        lines.get(0).endsWith("ALIZE_LOG_FORMAT=xml: write text or json; logging as text"),
        lines.get(0));
    assertTrue(lines.get(1).endsWith(" WARN  dev.alize.x - mirror down"), lines.get(1));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void aMessageFromElsewhere_cannotForgeALineNorRewriteTheTerminal() {
    List<String> lines =
        logged(
            Map.of(),
            c ->
                c.getLogger("dev.alize.x")
                    .warn("title a\n2026-01-01T00:00:00.000Z ERROR forged\u001b[2J b\u202Ec"));
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(
        lines.get(0).endsWith(" - title a?2026-01-01T00:00:00.000Z ERROR forged?[2J b?c"),
        lines.get(0));
  }

  @Test
  void notificationsLoggedEvenAtWarn() {
    List<String> lines =
        logged(Map.of(), c -> c.getLogger("dev.alize.consumer.notify.Outbox").info("sent"));
    assertEquals(1, lines.size(), lines.toString());
  }

  @Test
  void registeredForLogback() {
    assertTrue(
        ServiceLoader.load(Configurator.class).stream().anyMatch(p -> p.type() == LogSetup.class));
  }
}
