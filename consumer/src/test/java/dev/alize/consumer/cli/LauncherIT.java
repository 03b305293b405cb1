package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.common.process.ProcessRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code target/alize-consumer}, the launcher the build puts beside the jar, run as users do. */
class LauncherIT {

  private static final Path TARGET = Path.of("target").toAbsolutePath();
  private static final List<String> FILES =
      List.of("alize-consumer", "consumer.jar", "consumer.jsa");

  @TempDir Path temp;
  private Path config;

  @BeforeEach
  void site() throws IOException {
    config = CommandRun.minimalSite(temp);
  }

  private static ProcessRun run(Path launcher, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(launcher.toString());
    command.addAll(List.of(args));
    Map<String, String> all = new HashMap<>();
    all.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    all.put("ALIZE_JAVA_OPTS", null);
    all.putAll(env);
    return ProcessRun.of(command, all);
  }

  /** A copy of the launcher, the jar and (when asked) the archive in a folder with a space. */
  private Path copy(boolean withArchive) throws IOException {
    Path dir = Files.createDirectories(temp.resolve("opt/alize consumer"));
    for (String file : withArchive ? FILES : List.of(FILES.get(0), FILES.get(1))) {
      Files.copy(TARGET.resolve(file), dir.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
    }
    return dir.resolve("alize-consumer");
  }

  @Test
  void builtLauncher_usesTheArchiveMadeForItsJar() throws Exception {
    // -Xshare:on makes the JVM fail rather than start without the archive.
    ProcessRun r =
        run(
            TARGET.resolve("alize-consumer"),
            Map.of("ALIZE_JAVA_OPTS", "-Xshare:on"),
            "status",
            "--json",
            "--config",
            config.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(new ObjectMapper().readTree(r.out()).has("upstream"), r.out());
  }

  @Test
  void jarNewerThanItsArchive_startsWithoutIt_andSaysNothingOfIt() throws Exception {
    Path launcher = copy(true);
    Files.setLastModifiedTime(
        launcher.resolveSibling("consumer.jar"), FileTime.fromMillis(System.currentTimeMillis()));
    Files.setLastModifiedTime(launcher.resolveSibling("consumer.jsa"), FileTime.fromMillis(0));
    ProcessRun r = run(launcher, Map.of(), "status", "--json", "--config", config.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(new ObjectMapper().readTree(r.out()).has("upstream"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void withoutArchive_inAFolderWithASpace_throughASymlink() throws Exception {
    Path launcher = copy(false);
    Path link = Files.createDirectories(temp.resolve("bin")).resolve("alize-consumer");
    Files.createSymbolicLink(link, launcher);
    ProcessRun r = run(link, Map.of(), "--version");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("Alizé consumer "), r.out());
  }

  /** The java options the launcher gives for {@code args}, as a java that only prints them sees. */
  private List<String> javaOptions(Map<String, String> env, String... args) throws IOException {
    return javaOptions(TARGET.resolve("alize-consumer"), env, args);
  }

  private List<String> javaOptions(Path launcher, Map<String, String> env, String... args)
      throws IOException {
    Path java = temp.resolve("print-java");
    Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> all = new HashMap<>(env);
    all.put("JAVA", java.toString());
    ProcessRun r = run(launcher, all, args);
    assertEquals(0, r.exit(), r.err());
    List<String> words = r.out().lines().toList();
    return words.subList(0, words.indexOf("-jar"));
  }

  private static String lastHeap(List<String> options) {
    return options.stream().filter(o -> o.startsWith("-Xmx")).reduce((a, b) -> b).orElse(null);
  }

  @Test
  void heap_isBoundedByDefault_andAnotherSizeInTheOptionsWins() throws Exception {
    assertEquals("-Xmx256m", lastHeap(javaOptions(Map.of(), "sync", "--once")));
    assertEquals("-Xmx256m", lastHeap(javaOptions(Map.of(), "status")));
    assertEquals("-Xmx512m", lastHeap(javaOptions(Map.of(), "serve")));
    assertEquals(
        "-Xmx2g", lastHeap(javaOptions(Map.of("ALIZE_JAVA_OPTS", "-Xmx2g"), "sync", "--once")));
  }

  @Test
  void shortCommands_compileLittleOnOneThread_longOnesKeepTheJvmsDefaults() throws Exception {
    List<String> shortRun =
        List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:+UseSerialGC");
    List<String> status = javaOptions(Map.of(), "status");
    assertTrue(status.containsAll(shortRun), status.toString());
    for (String[] args : List.of(new String[] {"sync", "--once"}, new String[] {"serve"})) {
      List<String> options = javaOptions(Map.of(), args);
      assertTrue(options.stream().noneMatch(shortRun::contains), options.toString());
    }
  }

  @Test
  void publishersCommandsThatSignWithEncryptedKeys_keepTheOptimisingCompiler() throws Exception {
    Path publisher = temp.resolve("alize-publisher");
    Files.copy(TARGET.resolve("alize-consumer"), publisher, StandardCopyOption.COPY_ATTRIBUTES);
    Map<String, String> encrypted = Map.of("ALIZE_KEY_PASSPHRASE", "a passphrase");
    Map<String, String> clear = new HashMap<>();
    clear.put("ALIZE_KEY_PASSPHRASE", null);
    List<String> shortRun = List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1");

    for (String signing : List.of("init", "promote", "halt", "resume", "rollout", "revoke")) {
      List<String> options = javaOptions(publisher, encrypted, signing);
      assertTrue(options.stream().noneMatch(shortRun::contains), signing + ": " + options);
      assertTrue(
          javaOptions(publisher, clear, signing).containsAll(shortRun), signing + " in clear");
    }
    assertTrue(javaOptions(publisher, encrypted, "validate").containsAll(shortRun));
    assertTrue(javaOptions(publisher, encrypted, "stats").containsAll(shortRun));
  }

  @Test
  void underAnotherName_refusesWithUsage() throws Exception {
    Path other = temp.resolve("alize-other");
    Files.copy(TARGET.resolve("alize-consumer"), other, StandardCopyOption.COPY_ATTRIBUTES);
    ProcessRun r = run(other, Map.of(), "--version");
    assertEquals(2, r.exit());
    assertEquals(
        "alize-launcher: installed as alize-consumer or alize-publisher, not alize-other\n",
        r.err());
  }
}
