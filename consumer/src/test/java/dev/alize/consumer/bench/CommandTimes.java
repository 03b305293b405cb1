package dev.alize.consumer.bench;

import dev.alize.consumer.persistence.DatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read-only commands an admin runs by hand ({@code status}, {@code models}, {@code conflicts}),
 * each a new process started as a person starts it on an installed host: through the launcher of
 * the package ({@code consumer/target/alize-consumer}, which uses the class-data archive the build
 * made), on the database a sync of the benchmark just filled, with that sync still open beside it
 * as {@code serve} would be (H2 is then reached through its automatic server, as commands reach it
 * beside {@code serve}). The figure is the wall clock from the process's start to its exit, output
 * included.
 */
final class CommandTimes {

  static final List<String> COMMANDS = List.of("status", "models", "conflicts");

  /** The goal: under a second, where a command still answers at once for a person. */
  static final double GOAL_SECONDS = 1;

  private CommandTimes() {}

  /** Seconds of each command of {@link #COMMANDS}, run once each in that order. */
  static Map<String, Double> once(
      BenchSettings settings, DatabaseSettings database, Path dataDir, Path trustedRoot)
      throws IOException, InterruptedException {
    Path config = Files.createTempFile(settings.work(), "commands-", ".yml");
    Files.writeString(config, configuration(database, dataDir, trustedRoot));
    Path launcher = settings.consumerJar().resolveSibling("alize-consumer");
    Jobs jobs = new Jobs(settings);
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (String command : COMMANDS) {
      List<String> words = List.of(launcher.toString(), command, "--config", config.toString());
      Jobs.Done done = jobs.run(command, words, Map.of("JAVA", settings.java().toString())).ok();
      seconds.put(command, done.seconds());
    }
    return seconds;
  }

  private static String configuration(DatabaseSettings database, Path dataDir, Path trustedRoot) {
    return "alize:\n  consumer:\n    data-dir: "
        + quoted(dataDir.toString())
        + "\n    database:\n      url: "
        + quoted(database.url())
        + "\n      user: "
        + quoted(database.user() == null ? "" : database.user())
        + "\n      password: "
        + quoted(database.password() == null ? "" : database.password())
        + "\n    repositories:\n      bench:\n        url: https://127.0.0.1:9/\n"
        + "        trusted-root: "
        + quoted(trustedRoot.toString())
        + "\n";
  }

  /** A YAML double-quoted scalar: paths and URLs hold no quote nor backslash here. */
  private static String quoted(String text) {
    if (text.contains("\"") || text.contains("\\")) {
      throw new IllegalArgumentException("cannot quote " + text);
    }
    return "\"" + text + "\"";
  }
}
