package dev.alize.common.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.process.ProcessRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Debian package the build made, looked at the way dpkg would, without installing it: its control
 * fields and file list through {@code dpkg-deb}, its files unpacked into a folder of the test's,
 * its systemd unit checked by {@code systemd-analyze verify} in that folder, and its maintainer
 * scripts run with {@code DPKG_ROOT} on that folder and stand-ins for the commands that would
 * change the machine (users, groups, ownership, services).
 */
public final class DebianPackage {

  /** The commands a maintainer script may call that would change the machine. */
  private static final List<String> STAND_INS =
      List.of("getent", "addgroup", "adduser", "chown", "dpkg-statoverride", "systemctl");

  private final Path deb;

  public DebianPackage(Path deb) {
    if (!Files.isRegularFile(deb)) {
      throw new IllegalStateException(deb + " is missing: run after mvn package");
    }
    this.deb = deb;
  }

  /** One field of the control file, as {@code dpkg-deb --field} prints it. */
  public String field(String name) {
    return check(run(List.of("dpkg-deb", "--field", deb.toString(), name), Map.of())).out().strip();
  }

  /** Each entry of the data archive as {@code MODE OWNER PATH} (and {@code -> TARGET}). */
  public List<String> contents() {
    List<String> entries = new ArrayList<>();
    for (String line :
        check(run(List.of("dpkg-deb", "--contents", deb.toString()), Map.of()))
            .out()
            .lines()
            .toList()) {
      String[] words = line.strip().split("\\s+", 6);
      entries.add(words[0] + " " + words[1] + " " + words[5].replaceFirst("^\\./", "/"));
    }
    return entries;
  }

  /** The conffiles the package declares. */
  public List<String> conffiles(Path scratch) {
    Path control = unpackControl(scratch);
    try {
      return Files.readAllLines(control.resolve("conffiles"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Unpacks the files into {@code root}, as dpkg would under it. */
  public Path unpack(Path root) {
    check(run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), Map.of()));
    return root;
  }

  /** Unpacks the control archive (control, conffiles, maintainer scripts) into a new folder. */
  public Path unpackControl(Path scratch) {
    Path control = scratch.resolve("DEBIAN");
    check(run(List.of("dpkg-deb", "-e", deb.toString(), control.toString()), Map.of()));
    return control;
  }

  /**
   * Runs {@code systemd-analyze verify} on {@code unit} inside {@code root}, where the package is
   * unpacked; the machine's own targets, slices and sockets are copied in first, as the units name
   * them.
   */
  public static ProcessRun verifyUnit(Path root, String unit) {
    Path units = root.resolve("lib/systemd/system");
    try (Stream<Path> host = Files.list(Path.of("/lib/systemd/system"))) {
      for (Path f : host.toList()) {
        String name = f.getFileName().toString();
        if ((name.endsWith(".target") || name.endsWith(".slice") || name.endsWith(".socket"))
            && !Files.exists(units.resolve(name))) {
          Files.copy(f, units.resolve(name));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return run(
        List.of("systemd-analyze", "verify", "--root=" + root, "/lib/systemd/system/" + unit),
        Map.of());
  }

  /**
   * Runs the maintainer script {@code script} of {@code control} with {@code DPKG_ROOT=root} and
   * stand-ins, logged in {@code log} one call a line, for the commands that would change the
   * machine; {@code getent} finds nobody and {@code dpkg-statoverride --list} no override.
   */
  public static ProcessRun runScript(
      Path control, String script, Path root, Path log, String java, String... args) {
    Path bin = root.resolve("stand-ins");
    try {
      Files.createDirectories(bin);
      for (String command : STAND_INS) {
        boolean fails = command.equals("getent") || command.equals("dpkg-statoverride");
        Files.writeString(
            bin.resolve(command),
            "#!/bin/sh\necho \""
                + command
                + " $*\" >> \""
                + log
                + "\"\n"
                + (fails ? "case \"$1\" in --list|passwd|group) exit 2 ;; esac\n" : "")
                + "exit 0\n");
        bin.resolve(command).toFile().setExecutable(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>();
    command.add("sh");
    command.add(control.resolve(script).toString());
    command.addAll(List.of(args));
    return run(
        command,
        Map.of(
            "DPKG_ROOT", root.toString(), "PATH", bin + ":" + System.getenv("PATH"), "JAVA", java));
  }

  /** Runs {@code command} with {@code env} added to this process's environment. */
  public static ProcessRun run(List<String> command, Map<String, String> env) {
    return ProcessRun.of(command, env);
  }

  /**
   * Asserts that the class-data archive {@code jsa}, made for {@code jar}, holds each class of
   * {@code classes} (binary names) for the application's class loader.
   */
  public static void assertArchiveHolds(String java, Path jsa, Path jar, List<String> classes) {
    ProcessRun listed =
        run(
            List.of(
                java,
                "-XX:SharedArchiveFile=" + jsa,
                "-XX:+PrintSharedArchiveAndExit",
                "-cp",
                jar.toString()),
            Map.of());
    assertEquals(0, listed.exit(), listed.err());
    for (String loaded : classes) {
      assertTrue(
          listed.out().contains(": " + loaded + " app_loader\n"), loaded + " not in the archive");
    }
  }

  private static ProcessRun check(ProcessRun result) {
    if (result.exit() != 0) {
      throw new AssertionError("exit " + result.exit() + ": " + result.err());
    }
    return result;
  }
}
