package dev.alize.common.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
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
