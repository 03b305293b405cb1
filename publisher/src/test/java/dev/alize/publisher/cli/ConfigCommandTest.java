package dev.alize.publisher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {

  private static final String HASH =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @TempDir Path temp;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = PublisherCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  private Path config(String yaml) throws IOException {
    return Files.writeString(temp.resolve("publisher.yml"), yaml);
  }

  @Test
  void check_thePackagedFile_isFine_andKeepsTheDatabaseWhereTheServiceMayWrite() {
    Run run = run("config", "check", "--config", "src/deb/publisher.yml");
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(
        run.out().contains("alize.publisher.data-dir = /var/lib/alize/publisher/fleet  (file)"),
        run.out());
  }

  @Test
  void check_theFleetDatabase_showsItsKeysWithThePasswordMasked() throws IOException {
    Path file =
        config(
            "alize:\n  publisher:\n    database:\n      url: jdbc:postgresql://db/alize\n"
                + "      user: alize\n      password: s3cret\n");
    Run run = run("config", "check", "--config", file.toString());
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("alize.publisher.database.password = ********  (file)"));
    assertFalse(run.out().contains("s3cret"));
  }

  @Test
  void check_haltPoliciesAndNotifications_areKnownWithTheSecretsMasked() throws IOException {
    Path file =
        config(
            "alize:\n  publisher:\n    halt-policies:\n      eole:\n        min-sites: 20\n"
                + "    notifications:\n      webhook-url: https://hooks.example/alize\n"
                + "      webhook-secret: a-long-random-shared-secret\n"
                + "      email-smtp-host: smtp.example\n      email-from: alize@example.org\n"
                + "      email-to: [maintainers@example.org]\n");
    Run run = run("config", "check", "--config", file.toString());
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(
        run.out().contains("alize.publisher.notifications.webhook-secret = ********  (file)"),
        run.out());
    assertFalse(run.out().contains("a-long-random-shared-secret"));
    assertTrue(run.out().contains("alize.publisher.halt-policies.eole.min-sites = 20"), run.out());
  }

  @Test
  void check_aHaltPolicyOutOfRangeOrAShortSecret_isAProblemNamingTheKey() throws IOException {
    Run percent =
        run(
            "config",
            "check",
            "--config",
            config(
                    "alize:\n  publisher:\n    halt-policies:\n      default:\n"
                        + "        max-failed-percent: 150\n")
                .toString());
    assertEquals(1, percent.exit(), percent.out());
    assertTrue(percent.out().contains("must be a percentage from 0 to 100"), percent.out());
    Run secret =
        run(
            "config",
            "check",
            "--config",
            config(
                    "alize:\n  publisher:\n    notifications:\n"
                        + "      webhook-url: https://hooks.example/alize\n      webhook-secret: short\n")
                .toString());
    assertEquals(1, secret.exit(), secret.out());
    assertTrue(
        secret.out().contains("problem: alize.publisher.notifications.webhook-secret is too short"),
        secret.out());
    Run unknown =
        run(
            "config",
            "check",
            "--config",
            config("alize:\n  publisher:\n    halt-policies:\n      eole:\n        max: 3\n")
                .toString());
    assertEquals(1, unknown.exit(), unknown.out());
    assertTrue(
        unknown
            .out()
            .contains("alize.publisher.halt-policies.eole.max: not a key of the publisher"),
        unknown.out());
  }

  @Test
  void check_aDatabaseUrlOfAnotherKind_isAProblem() throws IOException {
    Path file = config("alize:\n  publisher:\n    database:\n      url: jdbc:mysql://db/alize\n");
    Run run = run("config", "check", "--config", file.toString());
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("neither a jdbc:postgresql: nor a jdbc:h2: URL"), run.out());
  }

  @Test
  void check_aGoodFile_showsItsKeysWithTheHashMasked() throws IOException {
    Path file =
        config(
            "alize:\n  publisher:\n    api:\n      tokens:\n        eole-ci:\n          sha256: "
                + HASH
                + "\n          datasources: [eole]\n");
    Run run = run("config", "check", "--config", file.toString());
    assertEquals(0, run.exit(), run.out() + run.err());
    assertEquals(
        List.of(
            "configuration: " + file,
            "  alize.publisher.api.tokens.eole-ci.datasources = [eole]  (file)",
            "  alize.publisher.api.tokens.eole-ci.sha256 = ********  (file)",
            "  alize.publisher.api.max-upload-bytes = 67108864  (default)",
            "  alize.publisher.data-dir = publisher-data  (default)",
            "  alize.publisher.reports-per-minute = 60  (default)",
            "no problem found"),
        run.out().lines().toList());
    assertFalse(run.out().contains(HASH));
  }

  @Test
  void check_aHashThatIsNotOne_isTheProblemServeWouldStopOn() throws IOException {
    Path file =
        config(
            "alize:\n  publisher:\n    api:\n      tokens:\n        eole-ci:\n"
                + "          sha256: abc\n          datasources: [eole]\n");
    Run run = run("config", "check", "--config", file.toString());
    assertEquals(1, run.exit());
    assertTrue(
        run.out()
            .contains(
                "problem: alize.publisher.api.tokens.eole-ci.sha256: expected the 64 hex digits"),
        run.out());
  }

  @Test
  void check_anUnknownKey_namedWithWhatThePublisherReads() throws IOException {
    Path file = config("alize:\n  publisher:\n    api:\n      max-upload-byte: 10\n");
    Run run = run("config", "check", "--config", file.toString());
    assertEquals(1, run.exit());
    assertTrue(
        run.out()
            .contains(
                "problem: alize.publisher.api.max-upload-byte: not a key of the publisher, which"
                    + " reads alize.publisher.api.max-upload-bytes"),
        run.out());
  }

  @Test
  void check_anUnsetVariable_named() throws IOException {
    Path file =
        config("alize:\n  publisher:\n    api:\n      max-upload-bytes: ${ALIZE_TEST_UNSET_9}\n");
    Run run = run("config", "check", "--config", file.toString());
    assertEquals(1, run.exit());
    assertTrue(run.out().contains("ALIZE_TEST_UNSET_9"), run.out());
  }

  @Test
  void check_aFileThatIsNotThere() {
    Run run = run("config", "check", "--config", temp.resolve("absent.yml").toString());
    assertEquals(1, run.exit());
    assertTrue(run.out().contains("no such configuration file"), run.out());
  }

  @Test
  void check_json() throws IOException {
    Path file = config("alize:\n  publisher:\n    api:\n      max-upload-bytes: 1000\n");
    Run run = run("config", "check", "--json", "--config", file.toString());
    assertEquals(0, run.exit(), run.out());
    JsonNode answer = new ObjectMapper().readTree(run.out());
    assertEquals(file.toString(), answer.path("file").asText());
    assertEquals(
        "alize.publisher.api.max-upload-bytes",
        answer.path("settings").get(0).path("key").asText());
    assertEquals(0, answer.path("problems").size());
  }

  @Test
  void check_thePackagesExampleConfiguration_isFine() {
    Run run = run("config", "check", "--config", "src/deb/publisher.yml");
    assertEquals(0, run.exit(), run.out());
  }
}
