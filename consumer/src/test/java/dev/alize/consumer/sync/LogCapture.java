package dev.alize.consumer.sync;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The events a logger writes while a test runs, whatever the level configured. */
public final class LogCapture implements AutoCloseable {

  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(Class<?> type) {
    logger = (Logger) LoggerFactory.getLogger(type);
    appender.start();
    logger.addAppender(appender);
  }

  public static LogCapture of(Class<?> type) {
    return new LogCapture(type);
  }

  public List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  /** Each event as {@code LEVEL message}, arguments filled in. */
  public List<String> lines() {
    return events().stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  /** The first event written, waiting for it at most {@code patience}. */
  public ILoggingEvent await(Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      // The appender adds events holding its own monitor.
      synchronized (appender) {
        if (!appender.list.isEmpty()) {
          return appender.list.get(0);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("nothing was logged in " + patience);
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
  }
}
