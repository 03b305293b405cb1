package dev.alize.publisher.cli;

import static dev.alize.publisher.cli.SampleDatasources.EOLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged executable jar, run as users run it. */
class PublisherJarIT {

  private static final Path JAR = Path.of("target/publisher.jar");
  private static final long TIMEOUT_SECONDS = 60;

  @TempDir Path temp;

  private record Result(int exit, String out, String err) {}

  private Result run(Map<String, String> env, Object... args)
      throws IOException, InterruptedException {
    assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run after mvn package");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // picocli writes in this encoding; without it, é depends on the machine's locale.
    command.add("-Dsun.stdout.encoding=UTF-8");
    command.add("-Dsun.stderr.encoding=UTF-8");
    command.add("-jar");
    command.add(JAR.toString());
    for (Object arg : args) {
      command.add(arg.toString());
    }
    Path out = Files.createTempFile(temp, "out", ".txt");
    Path err = Files.createTempFile(temp, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not end within " + TIMEOUT_SECONDS + " s");
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private Result run(Object... args) throws IOException, InterruptedException {
    return run(Map.of(), args);
  }

  @Test
  void help_listsTheCommands() throws Exception {
    Result r = run("--help");
    assertEquals(0, r.exit(), r::err);
    assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+validate\\s+.*")), r::out);
    assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+diff\\s+.*")), r::out);
  }

  @Test
  void version_namesThePublisher() throws Exception {
    Result r = run("--version");
    assertEquals(0, r.exit(), r::err);
    assertTrue(r.out().startsWith("Alizé publisher "), r::out);
  }

  @Test
  void validate_eole_printsOnlyTheSummaryOnStdout() throws Exception {
    // The most verbose logging: any log line on stdout would break the exact match.
    Result r = run(Map.of("ALIZE_LOG_LEVEL", "TRACE"), "validate", EOLE);
    assertEquals(0, r.exit(), r::err);
    assertEquals(
        EOLE
            + ": datasource eole is valid: 18 models, 15 services, 2 releases"
            + System.lineSeparator(),
        r.out());
  }

  @Test
  void validate_brokenCopy_exits1() throws Exception {
    Path dir = SampleDatasources.copy(EOLE, temp.resolve("eole"));
    Path model = dir.resolve("servermodels/2.9.0/amon.yaml");
    SampleDatasources.replace(model, "proxy_mode: transparent", "proxy_mode: invisible");
    int[] at = SampleDatasources.positionOf(model, "invisible");
    Result r = run("validate", dir);
    assertEquals(1, r.exit(), r::out);
    assertEquals(
        List.of(
            model
                + ":"
                + at[0]
                + ":"
                + at[1]
                + ": value of 'proxy_mode': 'invisible' is not one of the choices"
                + " [explicit, transparent]"),
        r.out().lines().toList());
    assertTrue(r.err().contains(dir + ": 1 problem(s); the datasource is not valid"), r::err);
  }
}
