package dev.alize.common.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.function.UnaryOperator;

/**
 * How both applications log, set in code rather than in {@code logback.xml}: reading an XML file
 * costs every command a fifth of a second at start. Every line goes to standard error, which keeps
 * standard output for a command's answer, dated in ISO-8601 with the zone's offset. {@code
 * ALIZE_LOG_LEVEL} sets the level, {@code WARN} by default; {@code ALIZE_LOG_FORMAT=json} makes
 * each line a JSON object ({@link JsonLineEncoder}) for log collectors. A {@code
 * logback.configurationFile} given as a system property is read instead, for operators with needs
 * of their own.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

  /** The environment variable that sets the level. */
  public static final String LEVEL_VARIABLE = "ALIZE_LOG_LEVEL";

  /** The environment variable that sets the format: {@code text} (the default) or {@code json}. */
  public static final String FORMAT_VARIABLE = "ALIZE_LOG_FORMAT";

  /**
   * One line per event: the message's control characters and the marks that reorder text are
   * replaced by '?', so that text from elsewhere (an upstream title, a reason sent to the write
   * API) can neither forge another line nor rewrite a terminal. Stack traces follow as they are.
   */
  static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{36} -"
          + " %replace(%msg){'[\\p{Cntrl}\\x{200E}\\x{200F}\\x{061C}\\x{202A}-\\x{202E}"
          + "\\x{2066}-\\x{2069}]', '?'}%n";

  private final UnaryOperator<String> environment;

  public LogSetup() {
    this(System::getenv);
  }

  LogSetup(UnaryOperator<String> environment) {
    this.environment = environment;
  }

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    String format = environment.apply(FORMAT_VARIABLE);
    boolean json = format != null && format.strip().equalsIgnoreCase("json");
    Encoder<ILoggingEvent> encoder;
    if (json) {
      encoder = new JsonLineEncoder();
    } else {
      PatternLayoutEncoder pattern = new PatternLayoutEncoder();
      pattern.setPattern(PATTERN);
      encoder = pattern;
    }
    encoder.setContext(context);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(environment.apply(LEVEL_VARIABLE), Level.WARN));
    root.addAppender(stderr);
    // The consumer's notification line is the one channel every site has: always written.
    context.getLogger("dev.alize.consumer.notify").setLevel(Level.INFO);
    // At DEBUG it prints every event, and Micronaut Security's TokenValidatedEvent holds the
    // bearer token in clear: tokens never reach a log. It logs nothing above DEBUG.
    context.getLogger("io.micronaut.context.event.ApplicationEventPublisher").setLevel(Level.OFF);
    // serve reports a failed start in one line of its own; this logger calls every bind error
    // "already in use", even an address that is not the machine's.
    context.getLogger("io.micronaut.http.server.netty.NettyHttpServer").setLevel(Level.OFF);
    if (!json && format != null && !format.isBlank() && !format.strip().equalsIgnoreCase("text")) {
      context
          .getLogger(LogSetup.class)
          .warn("{}={}: write text or json; logging as text", FORMAT_VARIABLE, format);
    }
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
