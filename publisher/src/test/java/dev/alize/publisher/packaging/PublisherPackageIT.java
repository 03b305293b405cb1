package dev.alize.publisher.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.packaging.DebianPackage;
import dev.alize.common.process.ProcessRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * target/alize-publisher.deb, inspected and unpacked into a folder of the test's: nothing is
 * installed on the machine that runs it. The maintainer scripts are the consumer's, tested whole
 * there; here, that they are the publisher's.
 */
class PublisherPackageIT {

  private static final DebianPackage DEB = new DebianPackage(Path.of("target/alize-publisher.deb"));
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir Path temp;

  @Test
  void controlAndContents() {
    assertEquals("alize-publisher", DEB.field("Package"));
    assertEquals("all", DEB.field("Architecture"));
    List<String> contents = DEB.contents();
    for (String entry :
        List.of(
            "-rw-r--r-- root/root /usr/share/alize/publisher/publisher.jar",
            "-rwxr-xr-x root/root /usr/share/alize/publisher/alize-publisher",
            "lrw-r--r-- root/root /usr/bin/alize-publisher -> /usr/share/alize/publisher/alize-publisher",
            "-rw-r--r-- root/root /lib/systemd/system/alize-publisher.service",
            "-rw-r----- root/root /etc/alize/publisher.yml")) {
      assertTrue(contents.contains(entry), entry + " not in " + contents);
    }
    assertEquals(List.of("/etc/alize/publisher.yml"), DEB.conffiles(temp));
  }

  @Test
  void unit_verifiesWithSystemd() {
    Path root = DEB.unpack(temp.resolve("root"));
    ProcessRun verify = DebianPackage.verifyUnit(root, "alize-publisher.service");
    assertEquals(0, verify.exit(), verify.out() + verify.err());
    assertEquals("", verify.err());
  }

  @Test
  void postinst_makesThePublishersFolderAndArchive_theLauncherValidates() throws Exception {
    Path root = DEB.unpack(temp.resolve("root"));
    Path control = DEB.unpackControl(temp);
    Path log = temp.resolve("calls.log");
    ProcessRun install =
        DebianPackage.runScript(control, "postinst", root, log, JAVA, "configure", "");
    assertEquals(0, install.exit(), install.err());
    Path data = root.resolve("var/lib/alize/publisher");
    assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    assertTrue(
        Files.readAllLines(log)
            .contains("dpkg-statoverride --update --add root alize 0640 /etc/alize/publisher.yml"));

    Path share = root.resolve("usr/share/alize/publisher");
    // -Xshare:on: the JVM fails rather than start without the archive postinst made.
    ProcessRun validate =
        DebianPackage.run(
            List.of(
                share.resolve("alize-publisher").toString(),
                "validate",
                "--json",
                share.resolve("training").toString()),
            Map.of("JAVA", JAVA, "ALIZE_JAVA_OPTS", "-Xshare:on"));
    assertEquals(0, validate.exit(), validate.err());
    assertTrue(validate.out().contains("\"valid\" : true"), validate.out());

    // The archive holds classes that only validate, init, release and serve load, each.
    DebianPackage.assertArchiveHolds(
        JAVA,
        share.resolve("publisher.jsa"),
        share.resolve("publisher.jar"),
        List.of(
            "dev.alize.publisher.cli.Json",
            "dev.alize.publisher.repository.RepositoryInitializer",
            "dev.alize.common.archive.DeterministicArchive",
            "dev.alize.publisher.http.PublisherServer",
            "io.micronaut.http.server.netty.NettyHttpServer"));
  }

  @Test
  void exampleConfiguration_servesReadOnly() throws Exception {
    Path root = DEB.unpack(temp.resolve("root"));
    Path launcher = root.resolve("usr/share/alize/publisher/alize-publisher");
    Path repo = temp.resolve("repo");
    Path keys = temp.resolve("keys");
    ProcessRun init =
        DebianPackage.run(
            List.of(
                launcher.toString(), "init", "--repo", repo.toString(), "--keys", keys.toString()),
            Map.of("JAVA", JAVA));
    assertEquals(0, init.exit(), init.err());
    Path out = temp.resolve("serve.out");
    ProcessBuilder serve =
        new ProcessBuilder(
                launcher.toString(),
                "serve",
                "--repo",
                repo.toString(),
                "--keys",
                keys.toString(),
                "--port",
                "0",
                "--config",
                root.resolve("etc/alize/publisher.yml").toString())
            .redirectOutput(out.toFile())
            .redirectError(temp.resolve("serve.err").toFile());
    serve.environment().put("JAVA", JAVA);
    Process process = serve.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(out).contains("Write API")
          && process.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      String printed = Files.readString(out);
      assertTrue(
          printed.contains("Serving"), printed + Files.readString(temp.resolve("serve.err")));
      assertTrue(printed.contains("Write API: no token configured"), printed);
    } finally {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
