package dev.alize.publisher.cli;

import static dev.alize.publisher.cli.SampleDatasources.ACME;
import static dev.alize.publisher.cli.SampleDatasources.EOLE;
import static dev.alize.publisher.cli.SampleDatasources.EOLE_NEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.common.archive.DeterministicArchive;
import dev.alize.common.codec.Hashes;
import dev.alize.common.datasource.DirectorySourceTree;
import dev.alize.publisher.repository.RepositoryFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** init, release, promote, deprecate, revoke, rotate-key and list, run in-process. */
class RepositoryCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY_ID = "[0-9a-f]{64}";

  @TempDir Path temp;

  private Path repo;
  private Path keys;

  private record Run(int exit, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }

    /** Standard error's lines but for the progress of the command. */
    List<String> errLines() {
      return err.lines().filter(l -> !l.endsWith("...")).toList();
    }

    /** The steps the command told on standard error as it went. */
    List<String> progress() {
      return err.lines().filter(l -> l.endsWith("...")).toList();
    }

    /** Standard error but for the progress of the command. */
    String problems() {
      return String.join("\n", errLines());
    }
  }

  @BeforeEach
  void setUp() {
    repo = temp.resolve("repo");
    keys = temp.resolve("keys");
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
    return new Run(cli.execute(strings), out.toString(), err.toString());
  }

  /** Runs a publishing command on this test's repository and keys, as alice. */
  private Run runOnRepo(String command, Object... args) {
    Object[] all = new Object[args.length + 7];
    all[0] = command;
    all[1] = "--repo";
    all[2] = repo;
    all[3] = "--keys";
    all[4] = keys;
    all[5] = "--actor";
    all[6] = "alice";
    System.arraycopy(args, 0, all, 7, args.length);
    return run(all);
  }

  private Run ok(Run run) {
    assertEquals(0, run.exit(), run::err);
    assertEquals("", run.problems());
    return run;
  }

  private void init() {
    ok(runOnRepo("init"));
  }

  private static void assertUserError(Run run, String message) {
    assertEquals(1, run.exit(), run::out);
    assertEquals(List.of("error: " + message), run.errLines());
    assertEquals("", run.out());
  }

  private static void assertNoStackTrace(Run run) {
    assertFalse(run.err().contains("\tat "), run::err);
    assertFalse(run.err().contains("Exception"), run::err);
  }

  // progress

  @Test
  void initAndRelease_tellTheirStepsOnStandardErrorAsTheyGo() {
    Run init = ok(runOnRepo("init"));
    assertEquals("initialising " + repo + "...", init.progress().get(0), init::err);
    assertTrue(
        init.progress().get(1).matches("generating a root key(, encrypted)?\\.\\.\\."), init::err);
    assertEquals(5, init.progress().size(), init::err);

    Run release = ok(runOnRepo("release", ACME, "--version", "1.0.0"));
    assertEquals("validating and archiving " + ACME + "...", release.progress().get(0));
    assertTrue(
        release.progress().stream()
            .anyMatch(
                l -> l.matches("(reading|decrypting) the targets key " + KEY_ID + "\\.\\.\\.")),
        release::err);
    // The answer stays alone on standard output.
    assertTrue(
        release.out().startsWith("released acme-monitoring 1.0.0 to testing: "), release::out);
  }

  // audit

  @Test
  void audit_listsTheEntriesNewestFirstWithTheNotesOfAReleaseOnOneLine() throws IOException {
    init();
    ok(runOnRepo("release", ACME, "--version", "1.0.0", "--notes", "Fixes amon.\n\u001b[2JSee x"));
    ok(runOnRepo("release", EOLE, "--version", "1.0.0"));
    Run run = ok(run("audit", "--repo", repo));
    List<String> lines = run.outLines();
    assertEquals(4, lines.size(), run::out);
    assertTrue(lines.get(0).matches("\\S+Z  alice  release eole 1\\.0\\.0"), lines.get(0));
    assertTrue(
        lines.get(1).matches("\\S+Z  alice  release acme-monitoring 1\\.0\\.0"), lines.get(1));
    assertEquals("    notes: Fixes amon.\\n\\u001b[2JSee x", lines.get(2));
    assertTrue(lines.get(3).matches("\\S+Z  alice  init"), lines.get(3));

    JsonNode json = JSON.readTree(ok(run("audit", "--repo", repo, "--json")).out());
    assertEquals(3, json.size(), json::toString);
    assertEquals("Fixes amon.\n\u001b[2JSee x", json.get(1).path("notes").asText());
    assertTrue(json.get(0).path("notes").isNull(), json::toString);
    assertEquals("alice", json.get(0).path("actor").asText());
    assertEquals(3, json.get(0).path("after").path("targets").asInt(), json::toString);
  }

  @Test
  void audit_filtersByDatasourceActionSinceAndLimit() throws IOException {
    init();
    ok(runOnRepo("release", ACME, "--version", "1.0.0"));
    ok(runOnRepo("release", EOLE, "--version", "1.0.0"));
    ok(runOnRepo("promote", "eole", "1.0.0", "--channel", "stable"));
    assertEquals(2, auditJson("--datasource", "eole").size());
    assertEquals(2, auditJson("--action", "release").size());
    assertEquals("promote", auditJson("--limit", "1").get(0).path("action").asText());
    assertEquals(
        "acme-monitoring",
        auditJson("--datasource", "acme-monitoring", "--action", "release")
            .get(0)
            .path("datasource")
            .asText());
    assertEquals(4, auditJson("--since", "2000-01-01").size());
    assertEquals(4, auditJson("--since", "1d").size());
    assertEquals(0, auditJson("--since", "2999-01-01T00:00:00Z").size());
    assertEquals(
        List.of("no audit entry"),
        ok(run("audit", "--repo", repo, "--since", "2999-01-01")).outLines());
  }

  @Test
  void audit_badFilters_areUsageErrors() {
    init();
    for (List<String> args :
        List.of(
            List.of("--limit", "0"),
            List.of("--limit", "-1"),
            List.of("--limit", "1001"),
            List.of("--since", "last week"),
            List.of("--action", "delete"))) {
      List<Object> all = new java.util.ArrayList<>(List.of("audit", "--repo", repo));
      all.addAll(args);
      Run run = run(all.toArray());
      assertEquals(2, run.exit(), run::err);
      assertTrue(run.err().startsWith("usage error: " + args.get(0) + " "), run::err);
      assertTrue(run.err().contains("Usage: publisher audit"), run::err);
      assertEquals("", run.out());
    }
  }

  @Test
  void audit_ofADamagedLog_namesTheLine() throws IOException {
    init();
    Files.writeString(
        repo.resolve("audit.log"),
        "{\"at\": \"yesterday\"}\n",
        java.nio.file.StandardOpenOption.APPEND);
    Run run = run("audit", "--repo", repo);
    assertEquals(1, run.exit(), run::err);
    assertTrue(
        run.err().startsWith("error: " + repo.resolve("audit.log") + " line 2: not an audit entry"),
        run::err);
    assertNoStackTrace(run);
  }

  private JsonNode auditJson(String... args) throws IOException {
    List<Object> all = new java.util.ArrayList<>(List.of("audit", "--repo", repo, "--json"));
    all.addAll(List.of(args));
    return JSON.readTree(ok(run(all.toArray())).out());
  }

  // init

  @Test
  void init_printsTheKeysOfEachRoleAndTheTrustAnchor() throws IOException {
    Run run = ok(runOnRepo("init"));
    List<String> lines = run.outLines();
    assertEquals(8, lines.size(), run::out);
    assertEquals(
        "initialised repository "
            + repo
            + " with keys in "
            + keys
            + " (served files readable by the owner only)",
        lines.get(0));
    List<String> roles = List.of("root", "targets", "snapshot", "timestamp");
    for (int i = 0; i < roles.size(); i++) {
      String line = lines.get(i + 1);
      assertTrue(line.matches("  %-9s %s".formatted(roles.get(i), KEY_ID)), line);
      String id = line.substring(12);
      assertTrue(Files.isRegularFile(keys.resolve(roles.get(i)).resolve(id + ".pem")), line);
    }
    assertEquals(
        "trust anchor for consumers: " + repo.resolve("metadata").resolve("1.root.json"),
        lines.get(5));
    assertTrue(
        lines
            .get(6)
            .startsWith(
                "TLS certificate: "
                    + keys.resolve("tls").resolve("server.crt.pem")
                    + " (for localhost, 127.0.0.1, valid until "),
        lines.get(6));
    assertTrue(lines.get(7).matches("SHA-256 fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}"));
    try (Stream<Path> files = Files.list(repo.resolve("metadata"))) {
      assertEquals(5, files.count());
    }
  }

  @Test
  void init_withFileModeAll_saysSoAndWritesFilesEveryoneMayRead() throws IOException {
    Run run = ok(runOnRepo("init", "--file-mode", "all"));
    assertTrue(run.outLines().get(0).endsWith(" (served files readable by everyone)"), run::out);
    assertEquals(
        "rw-r--r--",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(repo.resolve("metadata/timestamp.json"))));
  }

  @Test
  void init_withAnUnknownFileMode_isAUsageErrorThatCreatesNothing() {
    Run run = runOnRepo("init", "--file-mode", "world");
    assertEquals(2, run.exit());
    assertTrue(
        run.err()
            .contains(
                "Invalid value for option '--file-mode': 'world' is not a file mode: use"
                    + " owner, group, all"),
        run::err);
    assertFalse(Files.exists(repo));
  }

  @Test
  void fileMode_ofAnExistingRepository_printsTheChange() throws IOException {
    init();
    Run run = ok(run("file-mode", "group", "--repo", repo));
    assertEquals(
        List.of(
            "served files of "
                + repo
                + " readable by the owner and group (before: by the owner only); 5 files set"),
        run.outLines());
    assertEquals(
        "rw-r-----",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(repo.resolve("metadata/1.root.json"))));
  }

  @Test
  void fileMode_ofAFolderThatIsNoRepository_exits1() {
    Run run = run("file-mode", "all", "--repo", temp.resolve("nothing"));
    assertEquals(1, run.exit());
    assertTrue(run.err().startsWith("error: "), run::err);
    assertNoStackTrace(run);
    assertFalse(Files.exists(temp.resolve("nothing")));
  }

  @Test
  void fileMode_unknown_isAUsageError() {
    init();
    Run run = run("file-mode", "everyone", "--repo", repo);
    assertEquals(2, run.exit());
    assertTrue(
        run.err().contains("'everyone' is not a file mode: use owner, group, all"), run::err);
  }

  @Test
  void init_withThresholdRootTwo_printsTwoRootKeys() {
    Run run = ok(runOnRepo("init", "--threshold", "root=2"));
    String rootLine = run.outLines().get(1);
    assertTrue(rootLine.matches("  root      %s, %s".formatted(KEY_ID, KEY_ID)), rootLine);
  }

  @Test
  void init_onAnExistingRepository_exits1() {
    init();
    assertUserError(runOnRepo("init"), repo + " is already a repository");
  }

  @Test
  void init_withAKeyFolderThatHoldsKeys_exits1() {
    init();
    Run run = run("init", "--repo", temp.resolve("other"), "--keys", keys);
    assertUserError(run, keys + " already holds keys for root: give init an empty key folder");
    assertNoStackTrace(run);
  }

  @Test
  void init_withAPeriodOfAnotherForm_exits1() {
    Run run = runOnRepo("init", "--timestamp-expiry", "1w");
    assertUserError(run, "'1w' is not a period: write 365d, 12h, 15m, 45s or ISO-8601 such as P7D");
    assertFalse(Files.exists(repo));
  }

  @Test
  void init_thresholdWithoutAValue_isAUsageError() {
    Run run = runOnRepo("init", "--threshold", "root");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("should be in KEY=VALUE format"), run::err);
    assertTrue(run.err().contains("Usage: publisher init"), run::err);
    assertFalse(Files.exists(repo));
  }

  @Test
  void init_thresholdNotANumber_isAUsageError() {
    Run run = runOnRepo("init", "--threshold", "root=two");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("'two' is not an int"), run::err);
  }

  @Test
  void init_withoutKeys_isAUsageError() {
    Run run = run("init", "--repo", repo);
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("Missing required option: '--keys=KEYDIR'"), run::err);
  }

  // release

  @Test
  void release_printsTheTargetTheChangesAndTheVersions() {
    init();
    Run run = ok(runOnRepo("release", EOLE, "--version", "1.0.0", "--channel", "stable"));
    byte[] archive = DeterministicArchive.write(new DirectorySourceTree(EOLE));
    assertEquals(
        List.of(
            "released eole 1.0.0 to stable: eole/eole-1.0.0.tar.gz ("
                + archive.length
                + " bytes, sha256 "
                + Hashes.sha256Hex(archive)
                + ")",
            "changes since nothing (first release): NONE; models added 18, removed 0, changed 0",
            "metadata versions: {root=1, targets=2, snapshot=2, timestamp=2}"),
        run.outLines());
  }

  @Test
  void release_ofAMajorChange_printsItsChanges() {
    init();
    ok(runOnRepo("release", EOLE, "--version", "1.0.0"));
    Run run = ok(runOnRepo("release", EOLE_NEXT, "--version", "2.0.0"));
    assertEquals(
        "changes since 1.0.0: MAJOR; models added 1, removed 1, changed 5", run.outLines().get(1));
    assertEquals(
        "metadata versions: {root=1, targets=3, snapshot=3, timestamp=3}", run.outLines().get(2));
  }

  @Test
  void release_understatingTheChanges_exits1AndNamesTheVersionToUse() {
    init();
    ok(runOnRepo("release", EOLE, "--version", "1.0.0"));
    SortedMap<String, String> before = RepositoryFiles.contents(repo);
    Run run = runOnRepo("release", EOLE_NEXT, "--version", "1.0.1");
    assertEquals(1, run.exit());
    assertEquals(1, run.errLines().size(), run::err);
    assertTrue(
        run.problems().startsWith("error: version 1.0.1 is a PATCH release, but the changes since"),
        run::err);
    assertTrue(run.err().contains("use 2.0.0, or --force-version REASON"), run::err);
    assertNoStackTrace(run);
    assertEquals(before, RepositoryFiles.contents(repo));
  }

  @Test
  void release_withForceVersion_isAccepted() {
    init();
    ok(runOnRepo("release", EOLE, "--version", "1.0.0"));
    Run run =
        ok(runOnRepo("release", EOLE_NEXT, "--version", "1.0.1", "--force-version", "agreed"));
    assertTrue(run.out().startsWith("released eole 1.0.1 to testing:"), run::out);
  }

  @Test
  void release_versionNotAboveTheLast_exits1() {
    init();
    ok(runOnRepo("release", EOLE, "--version", "1.0.0"));
    Run run = runOnRepo("release", EOLE, "--version", "0.9.0");
    assertUserError(
        run,
        "version 0.9.0 is not above 1.0.0, the last release of eole (a version is never reused,"
            + " even after a revoke): use 1.0.1 or above");
  }

  @Test
  void release_unknownChannel_exits1() {
    init();
    Run run = runOnRepo("release", EOLE, "--version", "1.0.0", "--channel", "beta");
    assertUserError(run, "unknown channel 'beta': use testing, staged or stable");
  }

  @Test
  void release_unknownClassification_exits1() {
    init();
    Run run = runOnRepo("release", EOLE, "--version", "1.0.0", "--classification", "urgent");
    assertUserError(run, "unknown classification 'urgent': use standard, emergency or major");
  }

  @Test
  void release_notAVersion_exits1() {
    init();
    Run run = runOnRepo("release", EOLE, "--version", "1.0");
    assertUserError(run, "'1.0' is not a version: write MAJOR.MINOR.PATCH, as 1.4.0");
  }

  @Test
  void release_withoutVersion_isAUsageError() {
    init();
    Run run = runOnRepo("release", EOLE);
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("Missing required option: '--version=X.Y.Z'"), run::err);
    assertTrue(run.err().contains("Usage: publisher release"), run::err);
    assertEquals("", run.out());
  }

  @Test
  void release_withoutDirectory_isAUsageError() {
    init();
    Run run = runOnRepo("release", "--version", "1.0.0");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("Missing required parameter: 'DATASOURCE_DIR'"), run::err);
  }

  @Test
  void release_notesAndNotesFile_isAUsageError() throws IOException {
    init();
    Path notes = Files.writeString(temp.resolve("notes.txt"), "From a file.");
    Run run =
        runOnRepo(
            "release", EOLE, "--version", "1.0.0", "--notes", "inline", "--notes-file", notes);
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("mutually exclusive"), run::err);
  }

  @Test
  void release_notesFile_isPublished() throws IOException {
    init();
    Path notes = Files.writeString(temp.resolve("notes.txt"), "Fixes amon.\n");
    ok(runOnRepo("release", ACME, "--version", "1.0.0", "--notes-file", notes));
    JsonNode answer = JSON.readTree(ok(run("list", "--repo", repo, "--json")).out());
    assertEquals("Fixes amon.\n", answer.get("releases").get(0).get("notes").asText());
  }

  @Test
  void release_missingNotesFile_exits1() {
    init();
    Path notes = temp.resolve("missing.txt");
    Run run = runOnRepo("release", ACME, "--version", "1.0.0", "--notes-file", notes);
    assertEquals(1, run.exit());
    assertTrue(run.problems().startsWith("error: cannot read the notes file " + notes), run::err);
  }

  @Test
  void release_invalidDatasource_printsEveryProblemAndNothingWasChanged() {
    init();
    SortedMap<String, String> before = RepositoryFiles.contents(repo);
    Path dir = SampleDatasources.copy(EOLE, temp.resolve("eole"));
    Path hapy = dir.resolve("servermodels/2.8.1/hapy.yaml");
    Path amon = dir.resolve("servermodels/2.9.0/amon.yaml");
    SampleDatasources.replace(hapy, "extends: eolebase", "extends: eole-base");
    SampleDatasources.replace(amon, "proxy_mode: transparent", "proxy_mode: invisible");
    int[] extendsAt = SampleDatasources.positionOf(hapy, "eole-base");
    int[] modeAt = SampleDatasources.positionOf(amon, "invisible");

    Run run = runOnRepo("release", dir, "--version", "1.0.0");
    assertEquals(1, run.exit());
    assertEquals("", run.out());
    assertEquals(
        List.of(
            hapy
                + ":"
                + extendsAt[0]
                + ":"
                + extendsAt[1]
                + ": model 'hapy' extends 'eole-base', which is not a model of release 2.8.1",
            amon
                + ":"
                + modeAt[0]
                + ":"
                + modeAt[1]
                + ": value of 'proxy_mode': 'invisible' is not one of the choices"
                + " [explicit, transparent]",
            "2 problem(s); the datasource is not valid, nothing was changed"),
        run.errLines());
    assertEquals(before, RepositoryFiles.contents(repo));
  }

  @Test
  void release_withoutTheSnapshotKey_exits1NamingTheRole() throws IOException {
    init();
    try (Stream<Path> files = Files.list(keys.resolve("snapshot"))) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Run run = runOnRepo("release", EOLE, "--version", "1.0.0");
    assertUserError(
        run,
        "role snapshot needs 1 signature(s) but "
            + keys.resolve("snapshot")
            + " holds 0 of its keys");
  }

  @Test
  void release_intoAFolderThatIsNoRepository_exits1() {
    Run run = runOnRepo("release", EOLE, "--version", "1.0.0");
    assertUserError(
        run, repo + " is not a repository (no metadata/ folder): run 'publisher init' first");
  }

  // promote, deprecate, revoke

  @Test
  void promote_printsTheNewChannel() {
    init();
    ok(runOnRepo("release", EOLE, "--version", "1.0.0"));
    assertEquals(
        List.of("promoted eole 1.0.0 to staged"),
        ok(runOnRepo("promote", "eole", "1.0.0", "--channel", "staged")).outLines());
    assertEquals(
        List.of("promoted eole 1.0.0 to stable"),
        ok(runOnRepo("promote", "eole", "1.0.0", "--channel", "stable")).outLines());
  }

  @Test
  void promote_backwards_exits1() {
    init();
    ok(runOnRepo("release", EOLE, "--version", "1.0.0", "--channel", "stable"));
    Run run = runOnRepo("promote", "eole", "1.0.0", "--channel", "staged");
    assertUserError(
        run,
        "eole 1.0.0 is already in stable: promotion only moves to a more trusted channel"
            + " (testing, staged, stable)");
  }

  @Test
  void promote_unknownChannel_exits1() {
    init();
    ok(runOnRepo("release", EOLE, "--version", "1.0.0"));
    Run run = runOnRepo("promote", "eole", "1.0.0", "--channel", "production");
    assertUserError(run, "unknown channel 'production': use staged or stable");
  }

  @Test
  void promote_withoutChannel_isAUsageError() {
    init();
    Run run = runOnRepo("promote", "eole", "1.0.0");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("Missing required option: '--channel=staged|stable'"), run::err);
  }

  @Test
  void promote_unknownRelease_exits1() {
    init();
    Run run = runOnRepo("promote", "eole", "3.0.0", "--channel", "stable");
    assertUserError(run, "eole 3.0.0 is not released in this repository (or was revoked)");
  }

  @Test
  void deprecate_printsTheRelease() {
    init();
    ok(runOnRepo("release", EOLE, "--version", "1.0.0"));
    assertEquals(
        List.of("deprecated eole 1.0.0"),
        ok(runOnRepo("deprecate", "eole", "1.0.0", "--reason", "superseded")).outLines());
    Run again = runOnRepo("deprecate", "eole", "1.0.0", "--reason", "superseded");
    assertUserError(again, "eole 1.0.0 is already deprecated");
  }

  @Test
  void deprecate_blankReason_exits1() {
    init();
    ok(runOnRepo("release", EOLE, "--version", "1.0.0"));
    Run run = runOnRepo("deprecate", "eole", "1.0.0", "--reason", " ");
    assertUserError(run, "a reason is required: it is recorded in the audit log");
  }

  @Test
  void deprecate_withoutReason_isAUsageError() {
    init();
    Run run = runOnRepo("deprecate", "eole", "1.0.0");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("Missing required option: '--reason=TEXT'"), run::err);
  }

  @Test
  void rolloutHaltResume_printThePlan_andListShowsItsPercentageNow() {
    init();
    Run released =
        ok(runOnRepo("release", EOLE, "--version", "1.0.0", "--rollout", "5%,100% every 1d"));
    assertTrue(
        released.outLines().stream()
            .anyMatch(l -> l.matches("rollout: 5% from \\S+, 100% from \\S+")),
        released::out);

    List<String> rollout = ok(runOnRepo("rollout", "eole", "1.0.0", "40%")).outLines();
    assertEquals(1, rollout.size());
    assertTrue(
        rollout.get(0).matches("rollout of eole 1\\.0\\.0: 40% from \\S+Z"), rollout::toString);
    assertEquals(
        List.of("halted the rollout of eole 1.0.0"),
        ok(runOnRepo("halt", "eole", "1.0.0", "--reason", "two sites failed")).outLines());
    String listed = ok(run("list", "--repo", repo)).outLines().get(0);
    assertTrue(
        listed.matches(
            "eole +1\\.0\\.0 +testing +\\S+  rollout 40% \\(40% from \\S+; halted at \\S+: two sites"
                + " failed\\)"),
        listed);
    assertTrue(
        ok(runOnRepo("resume", "eole", "1.0.0"))
            .outLines()
            .get(0)
            .startsWith("resumed the rollout of eole 1.0.0: 40% from "));
  }

  @Test
  void rollout_aBadPlan_exits1SayingWhy_andWithoutOne_isAUsageError() {
    init();
    ok(runOnRepo("release", EOLE, "--version", "1.0.0"));
    assertUserError(
        runOnRepo("rollout", "eole", "1.0.0", "5%,50%"),
        "the rollout plan '5%,50%' has several steps: say how far apart, as in '5%,50% every 1d'");
    assertEquals(2, runOnRepo("rollout", "eole", "1.0.0").exit());
  }

  @Test
  void list_showsAReasonsControlCharactersEscaped() {
    init();
    ok(runOnRepo("release", EOLE, "--version", "1.0.0"));
    ok(runOnRepo("halt", "eole", "1.0.0", "--reason", "bad\u001b[2J\nforged line"));

    List<String> lines = ok(run("list", "--repo", repo)).outLines();

    assertTrue(lines.get(0).endsWith(": bad\\u001B[2J\\u000Aforged line)"), lines::toString);
    assertFalse(lines.stream().anyMatch(l -> l.startsWith("forged line")), lines::toString);
  }

  @Test
  void reject_printsTheRelease_andListShowsWhy() {
    init();
    ok(runOnRepo("release", EOLE, "--version", "1.0.0"));
    assertEquals(
        List.of("rejected eole 1.0.0"),
        ok(runOnRepo("reject", "eole", "1.0.0", "--reason", "breaks amon")).outLines());
    assertTrue(
        ok(run("list", "--repo", repo)).outLines().get(0).endsWith("  rejected: breaks amon"));
  }

  @Test
  void revoke_printsTheReleaseAndRemovesIt() {
    init();
    ok(runOnRepo("release", EOLE, "--version", "1.0.0"));
    assertEquals(
        List.of("revoked eole 1.0.0"),
        ok(runOnRepo("revoke", "eole", "1.0.0", "--reason", "leaked")).outLines());
    assertEquals("no releases", ok(run("list", "--repo", repo)).outLines().get(0));
  }

  @Test
  void revoke_withoutVersion_isAUsageError() {
    init();
    Run run = runOnRepo("revoke", "eole", "--reason", "leaked");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("Missing required parameter: 'VERSION'"), run::err);
  }

  // rotate-key

  @Test
  void rotateKey_printsTheNewKey() {
    init();
    Run run = ok(runOnRepo("rotate-key", "targets"));
    List<String> lines = run.outLines();
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).matches("rotated targets: new key\\(s\\) " + KEY_ID), run::out);
    String id = lines.get(0).substring(lines.get(0).length() - 64);
    assertTrue(Files.isRegularFile(keys.resolve("targets").resolve(id + ".pem")));
  }

  @Test
  void rotateKey_unknownRole_exits1() {
    init();
    Run run = runOnRepo("rotate-key", "mirror");
    assertUserError(run, "unknown role 'mirror': use root, targets, snapshot or timestamp");
  }

  @Test
  void rotateKey_withoutRole_isAUsageError() {
    init();
    Run run = runOnRepo("rotate-key");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("Missing required parameter: 'ROLE'"), run::err);
  }

  // list

  @Test
  void list_printsEachReleaseAndWhenEachRoleExpires() {
    init();
    ok(runOnRepo("release", EOLE, "--version", "1.0.0", "--channel", "stable"));
    ok(runOnRepo("release", ACME, "--version", "2024.10.0"));
    ok(runOnRepo("deprecate", "eole", "1.0.0", "--reason", "superseded"));
    List<String> lines = ok(run("list", "--repo", repo)).outLines();
    assertEquals(6, lines.size(), lines::toString);
    assertTrue(
        lines.get(0).matches("acme-monitoring {6}2024\\.10\\.0 {4}testing  \\S+Z"), lines.get(0));
    assertTrue(
        lines.get(1).matches("eole {17}1\\.0\\.0 {8}stable {3}\\S+Z  deprecated: superseded"),
        lines.get(1));
    List<String> roles = List.of("root", "targets", "snapshot", "timestamp");
    for (int i = 0; i < 4; i++) {
      String line = lines.get(i + 2);
      assertTrue(line.startsWith(roles.get(i) + " expires "), line);
      Instant.parse(line.substring(line.lastIndexOf(' ') + 1));
    }
  }

  @Test
  void list_emptyRepository_saysNoReleases() {
    init();
    List<String> lines = ok(run("list", "--repo", repo)).outLines();
    assertEquals("no releases", lines.get(0));
    assertEquals(5, lines.size());
  }

  @Test
  void list_json_givesEveryField() throws IOException {
    init();
    ok(runOnRepo("release", EOLE, "--version", "1.0.0", "--notes", "First."));
    ok(
        runOnRepo(
            "release",
            EOLE_NEXT,
            "--version",
            "2.0.0",
            "--channel",
            "staged",
            "--classification",
            "major"));
    ok(runOnRepo("deprecate", "eole", "1.0.0", "--reason", "superseded"));
    JsonNode answer = JSON.readTree(ok(run("list", "--repo", repo, "--json")).out());
    assertEquals(List.of("releases", "expires", "versions"), fieldNames(answer));

    JsonNode first = answer.get("releases").get(0);
    assertEquals(
        List.of(
            "datasource",
            "version",
            "channel",
            "released",
            "classification",
            "notes",
            "deprecated",
            "rejected",
            "rollout",
            "modelsAdded",
            "modelsRemoved",
            "modelsChanged",
            "modelsAddedCount",
            "modelsRemovedCount",
            "modelsChangedCount"),
        fieldNames(first));
    assertEquals("eole", first.get("datasource").asText());
    assertEquals("1.0.0", first.get("version").asText());
    assertEquals("testing", first.get("channel").asText());
    Instant.parse(first.get("released").asText());
    assertEquals("standard", first.get("classification").asText());
    assertEquals("First.", first.get("notes").asText());
    assertEquals("superseded", first.get("deprecated").asText());
    assertEquals(18, first.get("modelsAdded").size());
    assertEquals(18, first.get("modelsAddedCount").intValue());

    JsonNode second = answer.get("releases").get(1);
    assertEquals("2.0.0", second.get("version").asText());
    assertEquals("staged", second.get("channel").asText());
    assertEquals("major", second.get("classification").asText());
    assertTrue(second.get("notes").isNull());
    assertTrue(second.get("deprecated").isNull());
    assertEquals(JSON.valueToTree(List.of("2.9.0/zephir")), second.get("modelsAdded"));
    assertEquals(JSON.valueToTree(List.of("2.9.0/eclair")), second.get("modelsRemoved"));
    assertEquals(5, second.get("modelsChanged").size());
    assertEquals(1, second.get("modelsAddedCount").intValue());
    assertEquals(1, second.get("modelsRemovedCount").intValue());
    assertEquals(5, second.get("modelsChangedCount").intValue());

    assertEquals(
        List.of("root", "targets", "snapshot", "timestamp"), fieldNames(answer.get("expires")));
    answer.get("expires").forEach(e -> Instant.parse(e.asText()));
    assertEquals(
        JSON.readTree("{\"root\":1,\"targets\":4,\"snapshot\":4,\"timestamp\":4}"),
        answer.get("versions"));
  }

  @Test
  void list_ofAFolderThatIsNoRepository_exits1() {
    Run run = run("list", "--repo", repo);
    assertUserError(
        run, repo + " is not a repository (no metadata/ folder): run 'publisher init' first");
  }

  @Test
  void list_withoutRepo_isAUsageError() {
    Run run = run("list");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("Missing required option: '--repo=DIR'"), run::err);
  }

  @Test
  void help_listsTheRepositoryCommands() {
    Run run = ok(run("--help"));
    for (String command :
        List.of("init", "release", "promote", "deprecate", "revoke", "rotate-key", "list")) {
      assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+" + command + "\\s+.*")), command);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void refresh_onAFreshRepository_hasNothingToResign() {
    init();
    assertEquals(List.of("nothing to re-sign"), ok(runOnRepo("refresh")).out().lines().toList());
  }
}
