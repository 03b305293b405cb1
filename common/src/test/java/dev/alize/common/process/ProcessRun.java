package dev.alize.common.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A process run to its end, as a user runs a command: its exit code and what it printed. */
public record ProcessRun(int exit, String out, String err) {

  private static final long TIMEOUT_SECONDS = 120;

  /**
   * Runs {@code command} with {@code env} added to this process's environment (a null value removes
   * the variable), and fails the test when it does not end within two minutes.
   */
  public static ProcessRun of(List<String> command, Map<String, String> env) {
    try {
      Path out = Files.createTempFile("alize-run", ".out");
      Path err = Files.createTempFile("alize-run", ".err");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        env.forEach(
            (name, value) -> {
              if (value == null) {
                builder.environment().remove(name);
              } else {
                builder.environment().put(name, value);
              }
            });
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError(command + " did not end within " + TIMEOUT_SECONDS + " s");
        }
        return new ProcessRun(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
