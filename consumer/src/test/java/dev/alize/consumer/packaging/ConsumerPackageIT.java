package dev.alize.consumer.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.packaging.DebianPackage;
import dev.alize.common.process.ProcessRun;
import dev.alize.consumer.cli.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * target/alize-consumer.deb, inspected and unpacked into a folder of the test's: nothing is
 * installed on the machine that runs it.
 */
class ConsumerPackageIT {

  private static final DebianPackage DEB = new DebianPackage(Path.of("target/alize-consumer.deb"));
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir Path temp;

  @Test
  void control_namesThePackage_itsJavaAndItsVersion() {
    assertEquals("alize-consumer", DEB.field("Package"));
    assertEquals("all", DEB.field("Architecture"));
    assertTrue(DEB.field("Depends").contains("openjdk-17-jre-headless"), DEB.field("Depends"));
    assertTrue(DEB.field("Version").startsWith("0."), DEB.field("Version"));
  }

  @Test
  void contents_theLayoutOperatorsAreTold() {
    List<String> contents = DEB.contents();
    for (String entry :
        List.of(
            "-rw-r--r-- root/root /usr/share/alize/consumer/consumer.jar",
            "-rwxr-xr-x root/root /usr/share/alize/consumer/alize-consumer",
            "-rwxr-xr-x root/root /usr/share/alize/consumer/class-data",
            "-rw-r--r-- root/root /usr/share/alize/consumer/training/consumer.yml",
            "lrw-r--r-- root/root /usr/bin/alize-consumer -> /usr/share/alize/consumer/alize-consumer",
            "-rw-r--r-- root/root /lib/systemd/system/alize-consumer.service",
            "-rw-r----- root/root /etc/alize/consumer.yml",
            "-rw-r--r-- root/root /usr/share/doc/alize-consumer/README.md")) {
      assertTrue(contents.contains(entry), entry + " not in " + contents);
    }
    assertEquals(List.of("/etc/alize/consumer.yml"), DEB.conffiles(temp));
    assertFalse(
        contents.stream().anyMatch(e -> e.contains("/var/lib/")),
        "the data folder is postinst's, so that dpkg never owns its content");
  }

  @Test
  void unit_verifiesWithSystemd() {
    Path root = DEB.unpack(temp.resolve("root"));
    ProcessRun verify = DebianPackage.verifyUnit(root, "alize-consumer.service");
    assertEquals(0, verify.exit(), verify.out() + verify.err());
    assertEquals("", verify.err());
  }

  @Test
  void unpackedLauncher_withThePostinstsArchive_runsARealConfiguration() throws Exception {
    Path root = DEB.unpack(temp.resolve("root"));
    Path share = root.resolve("usr/share/alize/consumer");
    ProcessRun archive =
        DebianPackage.run(
            List.of(
                share.resolve("class-data").toString(),
                share.resolve("consumer.jar").toString(),
                share.resolve("training").toString()),
            Map.of("JAVA", JAVA));
    assertEquals(0, archive.exit(), archive.err());
    assertTrue(Files.size(share.resolve("consumer.jsa")) > 0);
    // The archive holds classes only status and only conflicts load, and picocli's, of a class-file
    // version a dynamic archive leaves to the jar.
    DebianPackage.assertArchiveHolds(
        JAVA,
        share.resolve("consumer.jsa"),
        share.resolve("consumer.jar"),
        List.of(
            "com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder",
            "dev.alize.consumer.cli.Flags",
            "picocli.CommandLine"));

    Path config = CommandRun.minimalSite(Files.createDirectories(temp.resolve("site")));
    ProcessRun migrate = launch(share, "migrate", "--json", "--config", config.toString());
    assertEquals(0, migrate.exit(), migrate.err());
    assertTrue(migrate.out().contains("\"migrated\" : true"), migrate.out());
    ProcessRun status = launch(share, "status", "--config", config.toString());
    assertEquals(0, status.exit(), status.err());
    assertTrue(status.out().startsWith("upstream: last success never"), status.out());
  }

  /** The unpacked launcher; -Xshare:on makes the JVM fail rather than start without the archive. */
  private static ProcessRun launch(Path share, String... args) {
    List<String> command = new ArrayList<>();
    command.add(share.resolve("alize-consumer").toString());
    command.addAll(List.of(args));
    return DebianPackage.run(command, Map.of("JAVA", JAVA, "ALIZE_JAVA_OPTS", "-Xshare:on"));
  }

  @Test
  void maintainerScripts_installUpgradeRemovePurge_neverLoseData() throws Exception {
    Path root = DEB.unpack(temp.resolve("root"));
    Path control = DEB.unpackControl(temp);
    Path log = temp.resolve("calls.log");
    Path data = root.resolve("var/lib/alize/consumer");
    Path archive = root.resolve("usr/share/alize/consumer/consumer.jsa");

    ProcessRun install =
        DebianPackage.runScript(control, "postinst", root, log, JAVA, "configure", "");
    assertEquals(0, install.exit(), install.err());
    assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    assertTrue(Files.size(archive) > 0, "postinst makes the class-data archive");
    List<String> calls = Files.readAllLines(log);
    assertTrue(calls.contains("addgroup --system alize"), calls.toString());
    assertTrue(
        calls.stream().anyMatch(c -> c.startsWith("adduser --system --ingroup alize")),
        calls.toString());
    assertTrue(calls.contains("chown alize:alize " + data), calls.toString());
    assertTrue(
        calls.contains("dpkg-statoverride --update --add root alize 0640 /etc/alize/consumer.yml"),
        calls.toString());

    // The service's database, then an upgrade: nothing of it changes.
    Path database = Files.writeString(data.resolve("alize.mv.db"), "the site's data");
    ProcessRun upgrade =
        DebianPackage.runScript(control, "postinst", root, log, JAVA, "configure", "0.0.9");
    assertEquals(0, upgrade.exit(), upgrade.err());
    assertEquals("the site's data", Files.readString(database));

    ProcessRun remove = DebianPackage.runScript(control, "prerm", root, log, JAVA, "remove");
    assertEquals(0, remove.exit(), remove.err());
    assertFalse(Files.exists(archive), "prerm removes the archive postinst made");
    ProcessRun purge = DebianPackage.runScript(control, "postrm", root, log, JAVA, "purge");
    assertEquals(0, purge.exit(), purge.err());
    assertEquals("the site's data", Files.readString(database), "purge keeps the site's data");

    Files.delete(database);
    ProcessRun purgeEmpty = DebianPackage.runScript(control, "postrm", root, log, JAVA, "purge");
    assertEquals(0, purgeEmpty.exit(), purgeEmpty.err());
    assertFalse(Files.exists(data), "an empty data folder goes with the purge");
  }
}
