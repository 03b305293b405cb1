package dev.alize.consumer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Processes the benchmark runs: commands timed from start to exit, with the most memory they held,
 * and servers kept until stopped. Output goes to files of the work folder, named after the label.
 */
final class Jobs {

  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  /**
   * A command that ran to its end.
   *
   * @param seconds wall-clock time from start to exit
   * @param peakRssMb the largest resident memory seen, read from {@code /proc} every 20 ms
   */
  record Done(String label, int exit, String out, String err, double seconds, double peakRssMb) {

    /** This, or an error naming the command and its last lines when it failed. */
    Done ok() {
      if (exit != 0) {
        throw new IllegalStateException(
            label + " exited " + exit + ":\n" + tail(err + "\n" + out, 20));
      }
      return this;
    }
  }

  /** A server process, until {@link #stop}. */
  record Server(String label, Process process, Path out, Path err) implements AutoCloseable {

    /** Waits until its output holds {@code pattern}; returns the match. */
    Matcher await(Pattern pattern, Duration timeout) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        Matcher m = pattern.matcher(Files.readString(out));
        if (m.find()) {
          return m;
        }
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              label
                  + (process.isAlive() ? " did not start in time" : " stopped")
                  + ":\n"
                  + tail(Files.readString(err) + "\n" + Files.readString(out), 20));
        }
        Thread.sleep(50);
      }
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private final BenchSettings settings;
  private final Path logs;
  private int count;

  Jobs(BenchSettings settings) throws IOException {
    this.settings = settings;
    this.logs = Files.createDirectories(settings.work().resolve("logs"));
  }

  /** {@code java OPTIONS -jar JAR ARGS...}, to its end. */
  Done java(String label, List<String> options, Path jar, Object... args)
      throws IOException, InterruptedException {
    return run(label, javaCommand(options, jar, args));
  }

  /** {@code java OPTIONS -jar JAR ARGS...}, as a server. */
  Server serve(String label, List<String> options, Path jar, Object... args) throws IOException {
    Path[] files = files(label);
    return new Server(
        label, start(javaCommand(options, jar, args), files, Map.of()), files[0], files[1]);
  }

  /** Starts {@code command} in the repository's root, its output into {@code files}. */
  private Process start(List<String> command, Path[] files, Map<String, String> environment)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(settings.root().toFile())
            .redirectOutput(files[0].toFile())
            .redirectError(files[1].toFile());
    builder.environment().putAll(environment);
    return builder.start();
  }

  /** Any command, to its end. */
  Done run(String label, List<String> command) throws IOException, InterruptedException {
    return run(label, command, Map.of());
  }

  /** Any command, with these variables added to its environment, to its end. */
  Done run(String label, List<String> command, Map<String, String> environment)
      throws IOException, InterruptedException {
    Path[] files = files(label);
    long start = System.nanoTime();
    Process p = start(command, files, environment);
    double peak = 0;
    long deadline = start + TIMEOUT.toNanos();
    while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, rssMb(p.pid()));
      if (System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IllegalStateException(
            label + " did not end within " + TIMEOUT.toMinutes() + " min");
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Done(
        label,
        p.exitValue(),
        Files.readString(files[0]),
        Files.readString(files[1]),
        seconds,
        peak);
  }

  private List<String> javaCommand(List<String> options, Path jar, Object... args) {
    List<String> command = new ArrayList<>();
    command.add(settings.java().toString());
    command.addAll(options);
    command.add("-jar");
    command.add(jar.toString());
    for (Object a : args) {
      command.add(a.toString());
    }
    return command;
  }

  private synchronized Path[] files(String label) {
    String name = String.format("%03d-%s", ++count, label.replaceAll("[^A-Za-z0-9.-]+", "-"));
    return new Path[] {logs.resolve(name + ".out"), logs.resolve(name + ".err")};
  }

  /** The process's peak resident memory so far (VmHWM), in MB; 0 once it is gone. */
  static double rssMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process ended between two reads: its last reading stands.
    }
    return 0;
  }

  static String tail(String text, int lines) {
    List<String> all = text.strip().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
