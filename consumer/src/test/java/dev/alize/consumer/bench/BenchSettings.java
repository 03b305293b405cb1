package dev.alize.consumer.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What one benchmark run uses.
 *
 * @param root the repository's root, where {@code publisher/target/publisher.jar} and {@code
 *     consumer/target/consumer.jar} are
 * @param work a scratch folder of this run, deleted at its end
 * @param warmups runs made and thrown away before each measure
 * @param runs runs each figure is the median of
 * @param scales the numbers of server models the scaling measures use
 * @param only the groups of measures to run; all when empty
 * @param data the kind of datasource the sync and memory measures use
 * @param progress where progress is told, one line per step
 */
record BenchSettings(
    Path root,
    Path work,
    int warmups,
    int runs,
    List<Integer> scales,
    Set<String> only,
    BenchDatasource.Kind data,
    PrintStream progress) {

  /** Whether the measures of {@code group} run. */
  boolean runs(String group) {
    return only.isEmpty() || only.contains(group);
  }

  Path publisherJar() {
    return root.resolve("publisher/target/publisher.jar");
  }

  Path consumerJar() {
    return root.resolve("consumer/target/consumer.jar");
  }

  Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  void say(String format, Object... args) {
    progress.printf(format + "%n", args);
    progress.flush();
  }
}
