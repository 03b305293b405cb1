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
