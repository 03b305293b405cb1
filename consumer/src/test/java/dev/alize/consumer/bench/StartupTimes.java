package dev.alize.consumer.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Start-up: the time of {@code alize-consumer conformance ... refresh} and of {@code
 * alize-publisher validate datasources/eole}, each a new process started as an operator starts it
 * on an installed host: through the package's launcher (beside each jar in {@code target/}, with
 * the class-data archive the build made for it), against {@code java -version}, the floor of any
 * command a JVM runs. The three are run in turns, so that drift hits all three alike; each figure
 * is the wall clock from the process's start to its exit.
 *
 * <p>The refresh reads the repository's metadata from an HTTP server of this process ({@code
 * com.sun.net.httpserver} on 127.0.0.1, plain HTTP, the files held in memory), so that the figure
 * is the command's start and work, not TLS nor a server's disk. Each timed refresh starts from a
 * fresh copy of a metadata folder that {@code conformance init} left (the trusted root alone), so
 * that it really fetches and verifies timestamp, snapshot and targets.
 */
final class StartupTimes {

  private static final String SAMPLE = "datasources/eole";
  private static final long TIMEOUT_SECONDS = 120;

  /**
   * The goal, as a ratio to {@code java -version}: a JVM command that reads, verifies and writes
   * anything loads a few thousand classes, so it never starts as fast as the bare JVM; ten times
   * the bare JVM (half a second where {@code java -version} takes 50 ms) is where a command still
   * feels immediate, and where the hundreds of starts of a conformance run stay short.
   */
  private static final double GOAL = 10;

  private StartupTimes() {}

  /**
   * @param repo an initialised publisher repository (publisher.jar init + at least one release)
   */
  static List<Row> measure(BenchSettings settings, Path repo)
      throws IOException, InterruptedException {
    Path metadata = repo.resolve("metadata");
    Path trustedRoot = metadata.resolve("1.root.json");
    if (!Files.isRegularFile(trustedRoot)) {
      throw new IllegalStateException(repo + " is not a publisher repository: no " + trustedRoot);
    }
    Path sample = settings.root().resolve(SAMPLE);
    Path scratch = Files.createDirectories(settings.work().resolve("startup"));
    String consumerLauncher = settings.consumerJar().resolveSibling("alize-consumer").toString();
    MetadataServer server = MetadataServer.start(metadata);
    try {
      Path initial = scratch.resolve("initial/metadata");
      run(
          settings,
          scratch,
          "conformance-init",
          List.of(
              consumerLauncher,
              "conformance",
              "--metadata-dir",
              initial.toString(),
              "init",
              trustedRoot.toString()));

      Command javaVersion =
          new Command("java-version", List.of(settings.java().toString(), "-version"), null);
      Command publisher =
          new Command(
              "publisher-validate",
              List.of(
                  settings.publisherJar().resolveSibling("alize-publisher").toString(),
                  "validate",
                  sample.toString()),
              null);
      Command consumer =
          new Command(
              "consumer-refresh",
              List.of(
                  consumerLauncher,
                  "conformance",
                  "--metadata-dir",
                  "METADATA_DIR",
                  "--metadata-url",
                  server.url().toString(),
                  "refresh"),
              initial);
      List<Command> commands = List.of(javaVersion, consumer, publisher);
      Map<Command, List<Double>> samples = new LinkedHashMap<>();
      commands.forEach(c -> samples.put(c, new ArrayList<>()));
      List<String> fetched = List.of();
      int rounds = settings.warmups() + settings.runs();
      for (int round = 0; round < rounds; round++) {
        boolean warmup = round < settings.warmups();
        // Each round starts with the next command, so that none always follows the same one.
        List<Command> order = new ArrayList<>(commands);
        Collections.rotate(order, -round);
        for (Command command : order) {
          server.clear();
          double seconds = command.time(settings, scratch, round);
          if (command == consumer) {
            fetched = checkRefreshed(server.requests(), command.metadataDir(scratch, round));
          }
          if (!warmup) {
            samples.get(command).add(seconds);
          }
        }
        settings.say(
            "startup: %s %d/%d",
            warmup ? "warm-up" : "run",
            warmup ? round + 1 : round + 1 - settings.warmups(),
            warmup ? settings.warmups() : settings.runs());
      }

      Figure baseline = Figure.of(samples.get(javaVersion), "s");
      Figure ours = Figure.of(samples.get(consumer), "s");
      Figure validate = Figure.of(samples.get(publisher), "s");
      String common =
          "each run a new process, started by the package's launcher (its class-data archive, the"
              + " flags it gives a short command), wall clock from start to exit; baseline: java -version of the same JVM, run in turns with both; goal: "
              + Figure.format(GOAL)
              + "× java -version, where a command still feels immediate (a JVM command that"
              + " verifies and writes anything loads a few thousand classes, the bare JVM none)";
      return List.of(
          Row.atMost(
              "startup-consumer",
              "Start-up: alize-consumer conformance refresh",
              ours,
              baseline,
              GOAL,
              "from a metadata folder holding only the trusted root (conformance init), over plain"
                  + " HTTP from 127.0.0.1: it fetched "
                  + fetched.stream()
                      .map(
                          r ->
                              r.endsWith(" 200")
                                  ? r.substring(0, r.length() - 4)
                                  : r.replace(" ", " → "))
                      .collect(Collectors.joining(", "))
                  + " (a 404 for the next root is how it learns there is no newer one), verified"
                  + " and stored them; "
                  + common),
          Row.atMost(
              "startup-publisher",
              "Start-up: alize-publisher validate datasources/eole",
              validate,
              baseline,
              GOAL,
              "reads and checks the sample datasource ("
                  + count(sample)
                  + " YAML files); "
                  + common));
    } finally {
      server.stop();
    }
  }

  /**
   * One of the timed commands.
   *
   * @param arguments the command's words; {@code METADATA_DIR} stands for a fresh copy of {@code
   *     metadata}
   * @param metadata the metadata folder each run starts from, or null
   */
  private record Command(String label, List<String> arguments, Path metadata) {

    Path metadataDir(Path scratch, int round) {
      return scratch.resolve(label + "-" + round).resolve("metadata");
    }

    /** Runs it once; its wall-clock seconds. */
    double time(BenchSettings settings, Path scratch, int round)
        throws IOException, InterruptedException {
      List<String> args = arguments;
      if (metadata != null) {
        Path dir = metadataDir(scratch, round);
        copyFolder(metadata, dir);
        args = arguments.stream().map(a -> a.equals("METADATA_DIR") ? dir.toString() : a).toList();
      }
      return run(settings, scratch, label + "-" + round, args);
    }
  }

  /**
   * Runs {@code command} to its end with the benchmark's java, its output in files of {@code
   * scratch}.
   *
   * @return the seconds from its start to its exit
   * @throws IllegalStateException when it exits other than 0, or does not end in time
   */
  private static double run(
      BenchSettings settings, Path scratch, String label, List<String> command)
      throws IOException, InterruptedException {
    Path out = scratch.resolve(label + ".out");
    Path err = scratch.resolve(label + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(settings.root().toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().put("JAVA", settings.java().toString());
    long start = System.nanoTime();
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException(
          label + " did not end within " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          label
              + " exited "
              + process.exitValue()
              + ": "
              + String.join(" ", command)
              + "\n"
              + tail(Files.readString(err) + "\n" + Files.readString(out)));
    }
    return seconds;
  }

  /**
   * Checks that a refresh fetched timestamp, snapshot and targets and stored them.
   *
   * @return what it asked for, with the status of each answer
   */
  private static List<String> checkRefreshed(List<String> requests, Path metadataDir) {
    for (String role : List.of("timestamp", "snapshot", "targets")) {
      boolean asked =
          requests.stream().anyMatch(r -> r.matches("(\\d+\\.)?" + role + "\\.json 200"));
      if (!asked || !Files.isRegularFile(metadataDir.resolve(role + ".json"))) {
        throw new IllegalStateException(
            "conformance refresh did not fetch and store "
                + role
                + ".json: it asked for "
                + requests);
      }
    }
    return requests;
  }

  /** An HTTP server of a repository's metadata folder, read once, that notes what it is asked. */
  private static final class MetadataServer {

    private final HttpServer server;
    private final Map<String, byte[]> files;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    private MetadataServer(HttpServer server, Map<String, byte[]> files) {
      this.server = server;
      this.files = files;
    }

    static MetadataServer start(Path metadata) throws IOException {
      Map<String, byte[]> files = new TreeMap<>();
      try (Stream<Path> list = Files.list(metadata)) {
        for (Path f : list.filter(Files::isRegularFile).toList()) {
          files.put(f.getFileName().toString(), Files.readAllBytes(f));
        }
      }
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      MetadataServer server = new MetadataServer(http, files);
      http.createContext("/metadata/", server::handle);
      http.start();
      return server;
    }

    URI url() {
      InetSocketAddress address = server.getAddress();
      return URI.create(
          "http://"
              + address.getAddress().getHostAddress()
              + ":"
              + address.getPort()
              + "/metadata/");
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        String name = exchange.getRequestURI().getPath().substring("/metadata/".length());
        byte[] body = "GET".equals(exchange.getRequestMethod()) ? files.get(name) : null;
        requests.add(name + " " + (body == null ? 404 : 200));
        if (body == null) {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }

    List<String> requests() {
      synchronized (requests) {
        return List.copyOf(requests);
      }
    }

    void clear() {
      requests.clear();
    }

    void stop() {
      server.stop(0);
    }
  }

  private static void copyFolder(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> list = Files.list(from)) {
      for (Path f : list.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }

  private static long count(Path datasource) throws IOException {
    try (Stream<Path> files = Files.walk(datasource)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .count();
    }
  }

  private static String tail(String text) {
    List<String> lines = text.strip().lines().toList();
    return lines.isEmpty()
        ? "(no output)"
        : String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
