package dev.alize.publisher.cli;

import static dev.alize.publisher.cli.SampleDatasources.ACME;
import static dev.alize.publisher.cli.SampleDatasources.EOLE;
import static dev.alize.publisher.cli.SampleDatasources.EOLE_NEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PublisherCliTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PROBLEM_LINE = Pattern.compile("(.+):(\\d+):(\\d+): (.+)");

  @TempDir Path temp;

  private record Run(int exit, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }

    List<String> errLines() {
      return err.lines().toList();
    }
  }

  private static Run run(Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = PublisherCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] strings = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      strings[i] = args[i].toString();
    }
    int exit = cli.execute(strings);
    return new Run(exit, out.toString(), err.toString());
  }

  /** A problem the broken copy must report, at the position of {@code at} in {@code file}. */
  private record Expected(String file, String at, String message) {}

  @Test
  void help_listsTheCommands() {
    Run run = run("--help");
    assertEquals(0, run.exit(), run::err);
    assertTrue(run.out().startsWith("Usage: publisher"), run::out);
    assertTrue(hasLine(run.out(), "\\s+validate\\s+Check a datasource directory.*"), run::out);
    assertTrue(hasLine(run.out(), "\\s+diff\\s+Compare two versions of a datasource.*"), run::out);
    assertEquals("", run.err());
  }

  @Test
  void version_namesThePublisher() {
    Run run = run("--version");
    assertEquals(0, run.exit());
    assertTrue(run.out().startsWith("Alizé publisher "), run::out);
  }

  @Test
  void unknownCommand_isAUsageError() {
    Run run = run("bogus", EOLE);
    assertEquals(2, run.exit());
    assertTrue(
        run.err().startsWith("usage error: Unmatched arguments from index 0: 'bogus'"), run::err);
    assertTrue(run.err().contains("Usage: publisher"), run::err);
    assertTrue(hasLine(run.err(), "\\s+validate\\s+.*"), run::err);
    assertEquals("", run.out());
  }

  @Test
  void misspelledCommand_isAUsageErrorWithASuggestion() {
    Run run = run("valdate", EOLE);
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("Did you mean: publisher validate"), run::err);
    assertEquals("", run.out());
  }

  @Test
  void missingArgument_isAUsageError() {
    Run validate = run("validate");
    assertEquals(2, validate.exit());
    assertTrue(validate.err().contains("Missing required parameter: 'DIR'"), validate::err);
    assertTrue(validate.err().contains("Usage: publisher validate"), validate::err);
    assertEquals("", validate.out());

    Run diff = run("diff", EOLE);
    assertEquals(2, diff.exit());
    assertTrue(diff.err().contains("Missing required parameter: 'NEW_DIR'"), diff::err);
    assertTrue(diff.err().contains("Usage: publisher diff"), diff::err);
    assertEquals("", diff.out());
  }

  @Test
  void validate_eole_printsTheSummary() {
    Run run = run("validate", EOLE);
    assertEquals(0, run.exit(), run::out);
    assertEquals(
        List.of(EOLE + ": datasource eole is valid: 18 models, 15 services, 2 releases"),
        run.outLines());
    assertEquals("", run.err());
  }

  @Test
  void validate_withALowerFileLimit_refusesLargerFiles() {
    Run run = run("validate", EOLE, "--max-file-bytes", "200");
    assertEquals(1, run.exit(), run::out);
    assertTrue(
        run.outLines().stream()
            .anyMatch(
                l ->
                    l.endsWith(
                        "servermodels/2.9.0/amon.yaml:1:1: file is larger than the limit of 200 bytes")),
        run::out);
  }

  @Test
  void validate_aLimitBelowItsLeast_isAUsageError_notAStackTrace() {
    for (String[] option :
        new String[][] {
          {"--max-file-bytes", "-1", "1"},
          {"--max-scalar-chars", "0", "1"},
          {"--max-depth", "-5", "1"},
          {"--max-aliases", "-1", "0"}
        }) {
      Run run = run("validate", EOLE, option[0], option[1]);
      assertEquals(2, run.exit(), run::err);
      assertTrue(
          run.err()
              .startsWith(
                  "usage error: "
                      + option[0]
                      + " "
                      + option[1]
                      + ": write a number from "
                      + option[2]
                      + " up\n"),
          run::err);
      assertEquals("", run.out());
    }
  }

  @Test
  void validate_acmeMonitoring_printsTheSummary() {
    Run run = run("validate", ACME);
    assertEquals(0, run.exit(), run::out);
    assertEquals(
        List.of(ACME + ": datasource acme-monitoring is valid: 3 models, 3 services, 1 release"),
        run.outLines());
    assertEquals("", run.err());
  }

  @Test
  void validate_eoleNext_isValid() {
    Run run = run("validate", EOLE_NEXT);
    assertEquals(0, run.exit(), run::out);
    assertEquals(
        List.of(EOLE_NEXT + ": datasource eole is valid: 18 models, 15 services, 2 releases"),
        run.outLines());
    assertEquals("", run.err());
  }

  @Test
  void validate_broken_listsEveryProblemOnceAndNothingElse() {
    Path dir = broken();
    Run run = run("validate", dir);
    assertEquals(1, run.exit(), run::out);
    List<Expected> expected = brokenProblems();
    List<String> lines = new ArrayList<>(run.outLines());
    assertEquals(expected.size(), lines.size(), run::out);
    for (String line : lines) {
      Matcher m = PROBLEM_LINE.matcher(line);
      assertTrue(m.matches(), line);
      assertTrue(Path.of(m.group(1)).startsWith(dir), line);
    }
    for (Expected e : expected) {
      int[] at = SampleDatasources.positionOf(dir.resolve(e.file()), e.at());
      String prefix = dir.resolve(e.file()) + ":" + at[0] + ":" + at[1] + ": ";
      String match =
          lines.stream()
              .filter(l -> l.startsWith(prefix) && l.contains(e.message()))
              .findFirst()
              .orElse(null);
      assertTrue(match != null, () -> "no " + prefix + "..." + e.message() + " in\n" + run.out());
      lines.remove(match);
    }
    assertEquals(
        List.of(dir + ": " + expected.size() + " problem(s); the datasource is not valid"),
        run.errLines());
  }

  @Test
  void validate_json_valid() throws IOException {
    Run run = run("validate", "--json", EOLE);
    assertEquals(0, run.exit(), run::out);
    JsonNode answer = JSON.readTree(run.out());
    assertEquals(EOLE.toString(), answer.get("directory").asText());
    assertTrue(answer.get("valid").booleanValue());
    assertEquals("eole", answer.get("datasource").asText());
    assertEquals(18, answer.get("models").intValue());
    assertEquals(15, answer.get("services").intValue());
    assertEquals(JSON.valueToTree(List.of("2.8.1", "2.9.0")), answer.get("releases"));
    assertEquals(0, answer.get("problems").size());
    assertEquals("", run.err());
  }

  @Test
  void validate_json_broken() throws IOException {
    Path dir = broken();
    Run run = run("validate", "--json", dir);
    assertEquals(1, run.exit(), run::out);
    JsonNode answer = JSON.readTree(run.out());
    assertFalse(answer.get("valid").booleanValue());
    assertFalse(answer.has("models"), run::out);
    JsonNode problems = answer.get("problems");
    List<Expected> expected = brokenProblems();
    assertEquals(expected.size(), problems.size(), run::out);
    for (Expected e : expected) {
      int[] at = SampleDatasources.positionOf(dir.resolve(e.file()), e.at());
      boolean found = false;
      for (JsonNode p : problems) {
        found |=
            p.get("file").asText().equals(dir.resolve(e.file()).toString())
                && p.get("line").intValue() == at[0]
                && p.get("column").intValue() == at[1]
                && p.get("message").asText().contains(e.message());
      }
      assertTrue(found, () -> e + " not in " + run.out());
    }
    assertEquals("", run.err());
  }

  @Test
  void diff_eoleNext_listsEachChangeAndTheMajorBump() {
    Run run = run("diff", EOLE, EOLE_NEXT);
    assertEquals(0, run.exit(), run::err);
    assertEquals(
        List.of(
            "+ variable 2.8.1/eole-web/web_http2_enabled [MINOR]",
            "~ model 2.8.1/amonecole [MINOR]",
            "    variable added: web_http2_enabled",
            "~ model 2.8.1/scribe [MINOR]",
            "    variable added: web_http2_enabled",
            "~ release 2.9.0 [PATCH]",
            "    end of support: 2028-06-30 -> 2027-04-30",
            "~ variable 2.9.0/eole-proxy/filter_port [MAJOR]",
            "    max: (none) -> 32767",
            "~ variable 2.9.0/eole-proxy/proxy_cache_mb [PATCH]",
            "    default: 4000 -> 8000",
            "+ variable 2.9.0/eole-web/web_http2_enabled [MINOR]",
            "~ model 2.9.0/amon [MAJOR]",
            "    filter_port max: (none) -> 32767",
            "    value of proxy_cache_mb: 4000 -> 8000",
            "~ model 2.9.0/amonecole [MAJOR]",
            "    filter_port max: (none) -> 32767",
            "    value of proxy_cache_mb: 4000 -> 8000",
            "    variable added: web_http2_enabled",
            "- model 2.9.0/eclair [MAJOR]",
            "~ model 2.9.0/scribe [MINOR]",
            "    variable added: web_http2_enabled",
            "+ model 2.9.0/zephir [MINOR]",
            "12 change(s); implied bump: MAJOR"),
        run.outLines());
    assertEquals("", run.err());
  }

  @Test
  void diff_printsADescriptionsLineBreaksAndBidiMarksEscaped() {
    Path before = SampleDatasources.copy(EOLE, temp.resolve("before"));
    Path after = SampleDatasources.copy(EOLE, temp.resolve("after"));
    SampleDatasources.replace(
        after.resolve("servermodels/2.9.0/hapy.yaml"),
        "description: >-\n  Private cloud of an education office, built on OpenNebula: hosts the\n"
            + "  virtual machines of other EOLE servers and of teaching projects.\n",
        "description: \"Cloud\\n~ model 2.9.0/forged [MAJOR]\\u202Eelif\"\n");
    Run run = run("diff", before, after);
    assertEquals(0, run.exit(), run::err);
    assertFalse(
        run.outLines().stream().anyMatch(l -> l.startsWith("~ model 2.9.0/forged")), run::out);
    assertFalse(run.out().contains("\u202E"), run::out);
    assertTrue(run.out().contains("Cloud\\u000A~ model 2.9.0/forged [MAJOR]\\u202Eelif"), run::out);
  }

  @Test
  void diff_eoleNext_json() throws IOException {
    Run run = run("diff", EOLE, EOLE_NEXT, "--json");
    assertEquals(0, run.exit(), run::err);
    JsonNode answer = JSON.readTree(run.out());
    assertEquals("MAJOR", answer.get("bump").asText());
    assertEquals(JSON.valueToTree(List.of("2.9.0/zephir")), answer.get("modelsAdded"));
    assertEquals(JSON.valueToTree(List.of("2.9.0/eclair")), answer.get("modelsRemoved"));
    assertEquals(
        JSON.valueToTree(
            List.of(
                "2.8.1/amonecole",
                "2.8.1/scribe",
                "2.9.0/amon",
                "2.9.0/amonecole",
                "2.9.0/scribe")),
        answer.get("modelsChanged"));
    assertEquals(12, answer.get("changes").size());
    JsonNode cache = null;
    for (JsonNode c : answer.get("changes")) {
      if (c.get("path").asText().equals("2.9.0/eole-proxy/proxy_cache_mb")) {
        cache = c;
      }
    }
    assertTrue(cache != null, run::out);
    assertEquals("CHANGED", cache.get("kind").asText());
    assertEquals("VARIABLE", cache.get("subject").asText());
    assertEquals("PATCH", cache.get("bump").asText());
    assertEquals(JSON.valueToTree(List.of("default: 4000 -> 8000")), cache.get("details"));
    assertEquals("", run.err());
  }

  @Test
  void diff_ofItself_isEmpty() throws IOException {
    Run run = run("diff", EOLE, EOLE);
    assertEquals(0, run.exit(), run::err);
    assertEquals(List.of("0 change(s); implied bump: NONE"), run.outLines());
    assertEquals("", run.err());

    JsonNode answer = JSON.readTree(run("diff", "--json", EOLE, EOLE).out());
    assertEquals("NONE", answer.get("bump").asText());
    assertEquals(0, answer.get("changes").size());
    assertEquals(0, answer.get("modelsChanged").size());
  }

  @Test
  void diff_withAnInvalidSide_printsItsProblemsOnErr() {
    Path dir = SampleDatasources.copy(EOLE, temp.resolve("eole"));
    Path release = dir.resolve("releases/2.9.0.yaml");
    SampleDatasources.replace(release, "codename:", "codname:");
    int[] at = SampleDatasources.positionOf(release, "codname");
    Run run = run("diff", EOLE, dir);
    assertEquals(1, run.exit(), run::out);
    assertEquals("", run.out());
    assertEquals(
        List.of(
            release
                + ":"
                + at[0]
                + ":"
                + at[1]
                + ": unknown key 'codname' in a release; did you mean 'codename'?",
            dir + ": 1 problem(s); the datasource is not valid"),
        run.errLines());
  }

  @Test
  void diff_withAMissingDirectory_fails() {
    Path missing = temp.resolve("missing");
    Run run = run("diff", missing, EOLE);
    assertEquals(1, run.exit(), run::out);
    assertEquals("", run.out());
    assertTrue(run.err().contains(missing + ":1:1: not a directory"), run::err);
  }

  /**
   * A copy of EOLE broken in one way per file. wg_listen_port's default is broken while sphynx
   * still sets it, so that a follow-on "not defined" error would show.
   */
  private Path broken() {
    Path dir = SampleDatasources.copy(EOLE, temp.resolve("eole"));
    SampleDatasources.replace(dir.resolve("datasource.yaml"), "homepage:", "homepag:");
    SampleDatasources.replace(
        dir.resolve("releases/2.8.1.yaml"),
        "EOLE 2.8.1, based on",
        "EOLE 2.8.1, basée sur",
        StandardCharsets.ISO_8859_1);
    SampleDatasources.replace(
        dir.resolve("servermodels/2.8.1/hapy.yaml"), "extends: eolebase", "extends: eole-base");
    SampleDatasources.replace(
        dir.resolve("servermodels/2.8.1/scribe.yaml"),
        "fileshare_quota_mb: 2000",
        "fileshare_quota_mb: 2 GB");
    SampleDatasources.replace(
        dir.resolve("servermodels/2.9.0/horus.yaml"), "extends: eolebase", "extends: seth");
    SampleDatasources.replace(
        dir.resolve("servermodels/2.9.0/seth.yaml"), "extends: eolebase", "extends: horus");
    SampleDatasources.replace(
        dir.resolve("services/2.9.0/eole-wireguard.yaml"), "default: 51820", "default: 518200");
    SampleDatasources.replace(
        dir.resolve("services/eole-base.yaml"),
        "    type: password\n",
        "    type: password\n    default: Ch4ngeMe!\n");
    SampleDatasources.replace(
        dir.resolve("services/eole-vpn.yaml"),
        "  network.\n",
        """
          network.
          -----BEGIN OPENSSH PRIVATE KEY-----
          b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
          -----END OPENSSH PRIVATE KEY-----
        """);
    return dir;
  }

  private static List<Expected> brokenProblems() {
    return List.of(
        new Expected(
            "datasource.yaml",
            "homepag:",
            "unknown key 'homepag' in datasource.yaml; did you mean 'homepage'?"),
        new Expected("releases/2.8.1.yaml", "\u00e9e sur", "file is not valid UTF-8"),
        new Expected(
            "servermodels/2.8.1/hapy.yaml",
            "eole-base",
            "model 'hapy' extends 'eole-base', which is not a model of release 2.8.1"),
        new Expected(
            "servermodels/2.8.1/scribe.yaml",
            "2 GB",
            "value of 'fileshare_quota_mb': expected an integer written in decimal, found '2 GB'"),
        new Expected("servermodels/2.9.0/horus.yaml", "seth", "extends cycle: horus -> seth"),
        new Expected("servermodels/2.9.0/seth.yaml", "horus", "extends cycle: seth -> horus"),
        new Expected(
            "services/2.9.0/eole-wireguard.yaml",
            "518200",
            "default of 'wg_listen_port': port 518200 is outside 1..65535"),
        new Expected(
            "services/eole-base.yaml",
            "Ch4ngeMe!",
            "default of 'root_password': a password may not be set in a datasource"),
        new Expected(
            "services/eole-vpn.yaml",
            "-----BEGIN OPENSSH PRIVATE KEY-----",
            "a private key block is in this file"));
  }

  private static boolean hasLine(String text, String regex) {
    return text.lines().anyMatch(l -> l.matches(regex));
  }
}
