package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code sync --once} of the packaged consumer ({@code target/alize-consumer}, which runs {@code
 * consumer.jar} in the same process) as a process of its own. Its standard error is read as it
 * comes, each line with the moment it arrived, so that a test can kill it with SIGKILL at a moment
 * counted from a step it tells.
 */
final class TimedSync {

  static final Path LAUNCHER = Path.of("target/alize-consumer");

  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

  /** A line of standard error and when it arrived, in {@link System#nanoTime()}. */
  record Line(long nanos, String text) {}

  /** How the process ended: killed by the test, or by itself with its exit code. */
  record Ended(boolean killed, int exit, String out, String err) {}

  private final Process process;
  private final Path out;
  private final List<Line> lines = new ArrayList<>();
  private final Thread reader;

  private TimedSync(Process process, Path out) {
    this.process = process;
    this.out = out;
    this.reader = new Thread(this::readErr, "sync-stderr-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code sync --once --config config}; its standard output goes to {@code out}. */
  static TimedSync start(Path config, Path out) {
    assertTrue(Files.isExecutable(LAUNCHER), LAUNCHER + " is missing: package the consumer first");
    ProcessBuilder builder =
        new ProcessBuilder(LAUNCHER.toString(), "sync", "--once", "--config", config.toString())
            .redirectOutput(out.toFile());
    Map<String, String> env = builder.environment();
    // The configuration file says everything: no setting of the caller's may change it.
    env.keySet().removeIf(k -> k.startsWith("ALIZE_") || k.startsWith("MICRONAUT_"));
    env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The importer's line at the end of an import tells how long it took.
    env.put("ALIZE_LOG_LEVEL", "INFO");
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      return new TimedSync(process, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits for the first line of standard error that contains {@code text}, and returns it.
   *
   * @throws AssertionError when the process ends first or a minute passes
   */
  Line await(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    synchronized (lines) {
      while (true) {
        for (Line l : lines) {
          if (l.text().contains(text)) {
            return l;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || !reader.isAlive()) {
          throw new AssertionError(
              "sync --once never told '" + text + "'; its standard error:\n" + err());
        }
        TimeUnit.NANOSECONDS.timedWait(lines, left);
      }
    }
  }

  /**
   * Kills the process with SIGKILL at {@code nanos} ({@link System#nanoTime()}), unless it ended by
   * itself before, then waits for its end.
   */
  Ended killAt(long nanos) throws InterruptedException {
    boolean endedFirst = process.waitFor(nanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    if (!endedFirst) {
      // On Linux, destroyForcibly is SIGKILL: no shutdown hook, no finally block runs.
      process.destroyForcibly();
    }
    return end(!endedFirst);
  }

  /** Waits for the process to end by itself. */
  Ended await() throws InterruptedException {
    if (!process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      end(true);
      throw new AssertionError(
          "sync --once did not end within " + RUN_TIMEOUT.toSeconds() + " s:\n" + err());
    }
    return end(false);
  }

  private Ended end(boolean killed) throws InterruptedException {
    process.waitFor();
    reader.join(TimeUnit.SECONDS.toMillis(10));
    try {
      return new Ended(
          killed, process.exitValue(), Files.readString(out, Charset.defaultCharset()), err());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String err() {
    StringBuilder text = new StringBuilder();
    synchronized (lines) {
      lines.forEach(l -> text.append(l.text()).append('\n'));
    }
    return text.toString();
  }

  private void readErr() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), Charset.defaultCharset()))) {
      String line;
      while ((line = in.readLine()) != null) {
        Line arrived = new Line(System.nanoTime(), line);
        synchronized (lines) {
          lines.add(arrived);
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      // The process was killed: what it wrote so far is kept.
    } finally {
      synchronized (lines) {
        lines.notifyAll();
      }
    }
  }
}
