package dev.alize.publisher.cli;

import static dev.alize.publisher.cli.SampleDatasources.EOLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged executable jar, run as users run it. */
class PublisherJarIT {

  private static final Path JAR = Path.of("target/publisher.jar");
  private static final long TIMEOUT_SECONDS = 60;
  private static final String PASSPHRASE = "ALIZE_KEY_PASSPHRASE";

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
    // Only what a test sets: a passphrase in the developer's shell would change the outcome.
    builder.environment().remove(PASSPHRASE);
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

  @Test
  void initAndRelease_withThePassphraseInTheEnvironment_encryptAndUseTheKeys() throws Exception {
    Path repo = temp.resolve("repo");
    Path keys = temp.resolve("keys");
    Map<String, String> env = Map.of(PASSPHRASE, "correct horse");
    Result init = run(env, "init", "--repo", repo, "--keys", keys);
    assertEquals(0, init.exit(), init::err);
    try (Stream<Path> files = Files.walk(keys)) {
      List<Path> pems = files.filter(f -> f.toString().endsWith(".pem")).toList();
      assertEquals(4, pems.size(), pems::toString);
      for (Path pem : pems) {
        assertTrue(
            Files.readString(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"),
            pem::toString);
      }
    }
    Result release =
        run(env, "release", EOLE, "--repo", repo, "--keys", keys, "--version", "1.0.0");
    assertEquals(0, release.exit(), release::err);
    assertTrue(release.out().startsWith("released eole 1.0.0 to testing: "), release::out);
    assertEquals("", release.err());
  }

  @Test
  void release_withAWrongPassphrase_exits1WithoutAStackTrace() throws Exception {
    Path repo = temp.resolve("repo");
    Path keys = temp.resolve("keys");
    Map<String, String> env = Map.of(PASSPHRASE, "correct horse");
    assertEquals(0, run(env, "init", "--repo", repo, "--keys", keys).exit());
    assertEquals(
        0, run(env, "release", EOLE, "--repo", repo, "--keys", keys, "--version", "1.0.0").exit());

    Result wrong =
        run(
            Map.of(PASSPHRASE, "battery staple"),
            "release",
            EOLE,
            "--repo",
            repo,
            "--keys",
            keys,
            "--version",
            "1.0.1");
    assertEquals(1, wrong.exit(), wrong::out);
    assertEquals("", wrong.out());
    List<String> lines = wrong.err().lines().toList();
    assertEquals(1, lines.size(), wrong::err);
    assertTrue(lines.get(0).startsWith("error: " + keys.resolve("targets")), wrong::err);
    assertTrue(lines.get(0).endsWith(": wrong passphrase, or a damaged key"), wrong::err);

    Result none = run("release", EOLE, "--repo", repo, "--keys", keys, "--version", "1.0.1");
    assertEquals(1, none.exit(), none::out);
    assertTrue(
        none.err()
            .endsWith("the key is encrypted: set ALIZE_KEY_PASSPHRASE" + System.lineSeparator()),
        none::err);
    assertFalse(none.err().contains("\tat "), none::err);
  }
}
