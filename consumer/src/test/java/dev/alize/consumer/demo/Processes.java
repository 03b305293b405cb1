package dev.alize.consumer.demo;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The publisher's and the consumer's jars run as real processes of the machine's {@code java}, each
 * started by the launcher the build put beside its jar ({@code alize-publisher}, {@code
 * alize-consumer}) as an installed host starts it, with its class-data archive: commands run to
 * completion, and servers kept running until {@link #stopAll}. Each process writes its standard
 * output and error into its own files of the log folder.
 */
final class Processes {

  /** How long a command may take before it is reported as hanging. */
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

  /** A command that ran to completion. */
  record Result(
      String label,
      List<String> command,
      int exit,
      String out,
      String err,
      Path outFile,
      Path errFile) {

    /** The command's log files. */
    List<Path> logs() {
      return List.of(outFile, errFile);
    }
  }

  /** A command started and not yet waited for. */
  final class Pending {
    private final String label;
    private final List<String> command;
    private final Process process;
    private final Path out;
    private final Path err;

    private Pending(String label, List<String> command, Process process, Path out, Path err) {
      this.label = label;
      this.command = command;
      this.process = process;
      this.out = out;
      this.err = err;
    }

    /** Waits for the command's end. */
    Result await() throws InterruptedException {
      if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new DemoFailure(
            label + " did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s",
            "an answer",
            "no answer (the process was killed)",
            List.of(out, err));
      }
      return new Result(label, command, process.exitValue(), read(out), read(err), out, err);
    }
  }

  /** A server process, running until stopped. */
  final class Server {
    private final String label;
    private final Process process;
    private final Path out;
    private final Path err;

    private Server(String label, Process process, Path out, Path err) {
      this.label = label;
      this.process = process;
      this.out = out;
      this.err = err;
    }

    String label() {
      return label;
    }

    boolean isAlive() {
      return process.isAlive();
    }

    long pid() {
      return process.pid();
    }

    int exitValue() {
      return process.exitValue();
    }

    /** Its standard output so far. */
    String out() {
      return read(out);
    }

    /** Its standard error so far. */
    String err() {
      return read(err);
    }

    List<Path> logs() {
      return List.of(out, err);
    }

    /**
     * Waits until its standard output holds {@code pattern}, and returns the match.
     *
     * @param what what is awaited, for the failure's message
     * @throws DemoFailure when the server exits first or {@code timeout} passes
     */
    Matcher await(Pattern pattern, Duration timeout, String what) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        Matcher m = pattern.matcher(out());
        if (m.find()) {
          return m;
        }
        if (!process.isAlive()) {
          throw new DemoFailure(
              label + " stopped (exit " + process.exitValue() + ") before " + what,
              what,
              lastLines(err() + out(), 15),
              logs());
        }
        if (System.nanoTime() > deadline) {
          throw new DemoFailure(
              label + " did not show " + what + " within " + timeout.toSeconds() + " s",
              what,
              lastLines(out() + err(), 15),
              logs());
        }
        Thread.sleep(100);
      }
    }

    /** SIGTERM, then SIGKILL if it has not stopped within {@code grace}; true if it stopped. */
    boolean stop(Duration grace) throws InterruptedException {
      process.destroy();
      if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return true;
      }
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      return false;
    }
  }

  private final Path java;
  private final Path logs;
  private final Path workingDirectory;
  private final List<Server> servers = new CopyOnWriteArrayList<>();
  private final List<Process> commands = new CopyOnWriteArrayList<>();
  private int count;

  /**
   * @param java the {@code java} the launchers run
   * @param logs the folder of the log files
   * @param workingDirectory where the processes run
   */
  Processes(Path java, Path logs, Path workingDirectory) {
    this.java = java;
    this.logs = logs;
    this.workingDirectory = workingDirectory;
  }

  /** Runs {@code JAR ARGS...}, through the launcher beside it, to completion. */
  Result run(String label, Path jar, Object... args) throws IOException, InterruptedException {
    return begin(label, jar, args).await();
  }

  /** Starts {@code JAR ARGS...} through its launcher; {@link Pending#await} waits for it. */
  synchronized Pending begin(String label, Path jar, Object... args) throws IOException {
    List<String> command = command(jar, args);
    String name = String.format("%02d-%s", ++count, label.replaceAll("[^A-Za-z0-9.-]+", "-"));
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    Process process = start(command, out, err);
    commands.add(process);
    commands.removeIf(p -> !p.isAlive());
    return new Pending(label, command, process, out, err);
  }

  /** Starts a server: {@code JAR ARGS...} through its launcher, until {@link #stopAll}. */
  synchronized Server serve(String label, Path jar, Object... args) throws IOException {
    String name = label.replaceAll("[^A-Za-z0-9.-]+", "-");
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    Server server = new Server(label, start(command(jar, args), out, err), out, err);
    servers.add(server);
    return server;
  }

  /** The servers started, in order. */
  List<Server> servers() {
    return List.copyOf(servers);
  }

  /**
   * Stops every server, the last started first, and any command still running; returns the servers
   * that had to be killed.
   */
  List<String> stopAll(Duration grace) throws InterruptedException {
    for (Process p : commands) {
      p.destroyForcibly();
    }
    List<String> killed = new ArrayList<>();
    List<Server> reversed = new ArrayList<>(servers);
    Collections.reverse(reversed);
    for (Server s : reversed) {
      if (s.isAlive()) {
        s.process.destroy();
      }
    }
    for (Server s : reversed) {
      if (!s.stop(grace)) {
        killed.add(s.label);
      }
    }
    return killed;
  }

  private List<String> command(Path jar, Object... args) {
    List<String> command = new ArrayList<>();
    String app = jar.getFileName().toString().replaceFirst("\\.jar$", "");
    command.add(jar.resolveSibling("alize-" + app).toString());
    for (Object a : args) {
      command.add(a.toString());
    }
    return command;
  }

  private Process start(List<String> command, Path out, Path err) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    Map<String, String> env = builder.environment();
    // The demo's configuration files say everything: no setting of the caller's may change them.
    env.keySet()
        .removeIf(
            k ->
                k.startsWith("ALIZE_") && !k.equals("ALIZE_LOG_LEVEL")
                    || k.startsWith("MICRONAUT_"));
    env.put("JAVA", java.toString());
    Process process = builder.start();
    process.getOutputStream().close();
    return process;
  }

  /** A file's text in the platform's encoding, as the processes write it; unreadable is empty. */
  static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), Charset.defaultCharset());
    } catch (IOException e) {
      return "";
    }
  }

  /** The last {@code n} non-blank lines of {@code text}, indented for a report. */
  static String lastLines(String text, int n) {
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    List<String> last = lines.subList(Math.max(0, lines.size() - n), lines.size());
    return last.isEmpty() ? "(nothing)" : String.join("\n", last);
  }
}
