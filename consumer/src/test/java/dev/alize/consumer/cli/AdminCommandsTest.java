package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.common.codec.Hashes;
import dev.alize.common.tuf.TufTime;
import dev.alize.common.verify.RepositorySimulator;
import dev.alize.consumer.cli.ConsumerSite.Run;
import dev.alize.consumer.config.DataFolder;
import dev.alize.consumer.importer.DatabaseImporter;
import dev.alize.consumer.importer.ImportRequest;
import dev.alize.consumer.importer.ImportResult;
import dev.alize.consumer.persistence.DatabaseSettings;
import dev.alize.consumer.persistence.OpenDatabase;
import dev.alize.consumer.sync.RepositoryStatus;
import dev.alize.consumer.sync.StatusStore;
import dev.alize.consumer.update.MetadataStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admins' commands on a database where eole 1.0.0 was imported by the importer itself (no
 * publisher): child models, conflicts, models, imports, status and rollback, with their exit codes
 * and one-line errors.
 */
class AdminCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AMON = "eole/2.9.0/amon";

  @TempDir Path site;
  private Path config;
  private DatabaseSettings database;

  @BeforeEach
  void importEole() throws IOException {
    Files.writeString(site.resolve("root.json"), "{}");
    // A fresh H2 file of its own, named by the configuration as an admin would.
    String url = "jdbc:h2:file:" + site.resolve("db").toAbsolutePath().resolve("alize");
    database = new DatabaseSettings(url, null, null);
    config = site.resolve("consumer.yml");
    Files.writeString(
        config,
        "alize:\n  consumer:\n    database:\n      url: "
            + url
            + "\n    repositories:\n      upstream:\n"
            + "        url: https://models.example\n        trusted-root: root.json\n");
    importRelease(EoleReleases.EOLE, "1.0.0");
  }

  /** Imports the datasource folder as {@code version} of eole, as a sync would. */
  private ImportResult importRelease(Path datasource, String version) {
    byte[] bytes = EoleReleases.archive(datasource);
    Path archive = site.resolve("eole-" + version + ".tar.gz");
    try {
      Files.write(archive, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (OpenDatabase opened = OpenDatabase.open(database)) {
      return opened
          .bean(DatabaseImporter.class)
          .importRelease(
              new ImportRequest(
                  "upstream",
                  "eole",
                  version,
                  "eole/eole-" + version + ".tar.gz",
                  archive,
                  Hashes.sha256Hex(bytes),
                  1));
    }
  }

  /** Runs a command with {@code --config} added. */
  private Run run(Object... args) {
    List<Object> all = new ArrayList<>(List.of(args));
    all.add("--config");
    all.add(config);
    return ConsumerSite.run(all.toArray());
  }

  private Run ok(Object... args) {
    Run run = run(args);
    assertEquals(0, run.exit(), () -> List.of(args) + ": " + run.err());
    // Only the steps of a longer command, each ending "...".
    assertEquals(
        List.of(),
        run.err().lines().filter(l -> !l.endsWith("...")).toList(),
        () -> List.of(args) + " wrote on standard error");
    return run;
  }

  /** Exit 1 and one line on standard error besides the steps, which is returned. */
  private String fails(Object... args) {
    Run run = run(args);
    assertEquals(1, run.exit(), () -> List.of(args) + " answered " + run);
    List<String> lines = run.err().lines().filter(l -> !l.endsWith("...")).toList();
    assertEquals(1, lines.size(), () -> List.of(args) + ": not one line: " + run.err());
    return lines.get(0);
  }

  /** The first line of a usage error, after checking its exit code and its hint. */
  private String usageError(Object... args) {
    Run run = run(args);
    assertEquals(2, run.exit(), () -> List.of(args) + " answered " + run);
    List<String> lines = run.err().lines().toList();
    assertTrue(lines.get(1).startsWith("Usage: consumer "), run::err);
    assertTrue(
        lines.get(lines.size() - 1).matches("Try 'consumer .*--help' for more\\."), run::err);
    return lines.get(0);
  }

  private static JsonNode json(Run run) {
    try {
      return JSON.readTree(String.join("\n", run.out()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void createDijon() {
    Run run =
        ok(
            "child",
            "create",
            "amon-dijon",
            "--parent",
            AMON,
            "--set",
            "proxy_cache_mb=6000",
            "--set",
            "filter_port=8081");
    assertEquals(
        List.of("created child model amon-dijon of eole/2.9.0/amon (reconciled with eole 1.0.0)"),
        run.out());
  }

  /** Creates amon-dijon, then imports 2.0.0, which raises its two conflicts; their ids. */
  private long[] raiseConflicts() {
    createDijon();
    ImportResult result = importRelease(EoleReleases.next(site.resolve("next")), "2.0.0");
    assertEquals(2, result.conflicts().raised().size(), result::toString);
    JsonNode open = json(ok("conflicts", "--json"));
    assertEquals(2, open.size(), open::toString);
    assertEquals("variable-removed", open.get(0).path("kind").asText());
    assertEquals("default-changed", open.get(1).path("kind").asText());
    return new long[] {open.get(0).path("id").asLong(), open.get(1).path("id").asLong()};
  }

  // child create

  @Test
  void childCreate_storesTheChildReconciledWithTheInstalledRelease() {
    createDijon();

    assertEquals(
        List.of(
            "amon-dijon: child of eole/2.9.0/amon, reconciled with 1.0.0",
            "  set filter_port = 8081",
            "  set proxy_cache_mb = 6000"),
        ok("child", "list").out());
    assertEquals(List.of("no open conflict"), ok("conflicts").out());
  }

  @Test
  void childCreate_json_answersTheStoredChild() {
    Run run =
        ok(
            "child",
            "create",
            "amon-lyon",
            "--parent",
            AMON,
            "--set",
            "proxy_port=8080",
            "--description",
            "Lyon's gateway",
            "--json");
    JsonNode child = json(run);
    assertTrue(child.path("id").asLong() > 0, child::toString);
    assertEquals("amon-lyon", child.path("name").asText(), child::toString);
    assertEquals("Lyon's gateway", child.path("description").asText(), child::toString);
    assertEquals("1.0.0", child.path("reconciledVersion").asText(), child::toString);
    assertEquals(json(ok("child", "list", "--json")).get(0), child);
  }

  @Test
  void childCreate_refusesAValueOfTheWrongType_namingTheOption() {
    String err =
        fails("child", "create", "amon-dijon", "--parent", AMON, "--set", "proxy_cache_mb=99");
    assertTrue(
        err.startsWith("error: child model 'amon-dijon' is not valid: --set proxy_cache_mb=99: "),
        err);

    err = fails("child", "create", "amon-dijon", "--parent", AMON, "--set", "filter_port=http");
    assertTrue(err.contains("--set filter_port=http: "), err);
    assertEquals(List.of("no child model: create one with 'consumer child create'"), listed());
  }

  @Test
  void childCreate_refusesAnUnknownVariable_namingTheOption() {
    String err = fails("child", "create", "amon-dijon", "--parent", AMON, "--set", "no_such=1");
    assertEquals(
        "error: child model 'amon-dijon' is not valid: --set no_such=1: neither the parent"
            + " eole/2.9.0/amon nor a service added with --add-service has a variable 'no_such'",
        err);
    // proxy_ntlm_auth is in eole-proxy as 2.8.1 has it, not in 2.9.0's.
    err = fails("child", "create", "amon-dijon", "--parent", AMON, "--set", "proxy_ntlm_auth=true");
    assertTrue(err.contains("--set proxy_ntlm_auth=true: neither the parent"), err);
  }

  @Test
  void childCreate_refusesAnUnknownOrMalformedParent() {
    String err = fails("child", "create", "x", "--parent", "eole/2.9.0/nope");
    assertTrue(err.startsWith("error: --parent eole/2.9.0/nope: no such upstream model"), err);

    err = usageError("child", "create", "x", "--parent", "amon");
    assertTrue(err.startsWith("usage error: --parent amon: invalid model reference"), err);

    err = fails("child", "create", "x", "--parent", "acme/1.0/web");
    assertTrue(err.startsWith("error: --parent acme/1.0/web: no such upstream model"), err);
  }

  @Test
  void childCreate_refusesAMalformedSet() {
    assertEquals(
        "usage error: --set proxy_cache_mb: write VARIABLE=VALUE",
        usageError("child", "create", "x", "--parent", AMON, "--set", "proxy_cache_mb"));
    assertEquals(
        "usage error: --set =3: write VARIABLE=VALUE",
        usageError("child", "create", "x", "--parent", AMON, "--set", "=3"));
    assertEquals(
        "usage error: --set proxy_port=2: the variable is set twice",
        usageError(
            "child",
            "create",
            "x",
            "--parent",
            AMON,
            "--set",
            "proxy_port=1",
            "--set",
            "proxy_port=2"));
  }

  @Test
  void childCreate_refusesADuplicateName() {
    createDijon();
    assertEquals(
        "error: a child model named 'amon-dijon' exists already",
        fails("child", "create", "amon-dijon", "--parent", AMON, "--set", "proxy_port=8080"));
    assertEquals(1, json(ok("child", "list", "--json")).size());
  }

  @Test
  void childCreate_withoutParent_isAUsageError() {
    Run run = run("child", "create", "x");
    assertEquals(2, run.exit(), run::toString);
    assertTrue(run.err().contains("--parent"), run.err());
  }

  // child list and delete

  private List<String> listed() {
    return ok("child", "list").out();
  }

  @Test
  void childList_json_givesOverridesWithTheirReconciledUpstreamValues() {
    createDijon();
    JsonNode children = json(ok("child", "list", "--json"));
    assertEquals(1, children.size(), children::toString);
    JsonNode child = children.get(0);
    assertEquals("amon-dijon", child.path("name").asText());
    assertEquals(AMON, child.path("parent").asText());
    JsonNode set = child.path("set");
    assertEquals(List.of("filter_port", "proxy_cache_mb"), fieldNames(set), set::toString);
    assertEquals("8081", set.path("filter_port").asText());
    JsonNode reconciled = child.path("reconciledValues");
    assertEquals(List.of("filter_port", "proxy_cache_mb"), fieldNames(reconciled));
    assertEquals("8080", reconciled.path("filter_port").asText());
    assertEquals("4000", reconciled.path("proxy_cache_mb").asText());
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  // child update

  @Test
  void childUpdate_changesOnlyWhatIsGiven() {
    createDijon();
    assertEquals(
        List.of("updated child model amon-dijon (reconciled with eole 1.0.0)"),
        ok(
                "child",
                "update",
                "amon-dijon",
                "--set",
                "proxy_cache_mb=7000",
                "--unset",
                "filter_port",
                "--add-service",
                "eole-vpn",
                "--set",
                "vpn_ike_port=4500",
                "--description",
                "Dijon's gateway")
            .out());
    assertEquals(
        List.of(
            "amon-dijon: child of eole/2.9.0/amon, reconciled with 1.0.0",
            "  set proxy_cache_mb = 7000",
            "  set vpn_ike_port = 4500",
            "  add service eole-vpn"),
        listed());
    JsonNode child = json(ok("child", "list", "--json")).get(0);
    assertEquals("Dijon's gateway", child.path("description").asText(), child::toString);
    assertEquals(byDefault(), child.path("updatedBy").asText(), child::toString);

    // A service it added goes away; one of its parent is removed; the description is cleared.
    JsonNode updated =
        json(
            ok(
                "child",
                "update",
                "amon-dijon",
                "--remove-service",
                "eole-vpn",
                "--unset",
                "vpn_ike_port",
                "--remove-service",
                "eole-dhcp",
                "--description",
                "",
                "--json"));
    assertEquals("[]", updated.path("addServices").toString(), updated::toString);
    assertEquals("[\"eole-dhcp\"]", updated.path("removeServices").toString());
    assertTrue(updated.path("description").isNull(), updated::toString);
    assertEquals(json(ok("child", "list", "--json")).get(0), updated);

    // A service it removed from its parent comes back.
    ok("child", "update", "amon-dijon", "--add-service", "eole-dhcp");
    assertEquals(
        List.of(
            "amon-dijon: child of eole/2.9.0/amon, reconciled with 1.0.0",
            "  set proxy_cache_mb = 7000"),
        listed());
  }

  @Test
  void childUpdate_refusesAValueOfTheWrongType_andChangesNothing() {
    createDijon();
    List<String> before = listed();
    String err =
        fails(
            "child",
            "update",
            "amon-dijon",
            "--set",
            "proxy_cache_mb=99",
            "--description",
            "kept out");
    assertTrue(
        err.startsWith("error: child model 'amon-dijon' is not valid: --set proxy_cache_mb=99: "),
        err);
    err = fails("child", "update", "amon-dijon", "--set", "no_such=1");
    assertTrue(err.contains("--set no_such=1: neither the parent eole/2.9.0/amon"), err);
    assertEquals(before, listed());
    assertTrue(json(ok("child", "list", "--json")).get(0).path("description").isNull());
  }

  @Test
  void childUpdate_refusesWhatDoesNotApplyToTheChild() {
    createDijon();
    List<String> before = listed();
    assertEquals(
        "error: the change of child model 'amon-dijon' does not apply: --unset proxy_port: the"
            + " child does not set this variable",
        fails("child", "update", "amon-dijon", "--unset", "proxy_port"));
    assertEquals(
        "error: the change of child model 'amon-dijon' does not apply: --unset filter_port: the"
            + " same change sets it; keep one of the two",
        fails("child", "update", "amon-dijon", "--set", "filter_port=1", "--unset", "filter_port"));
    assertEquals(
        "error: the change of child model 'amon-dijon' does not apply: --add-service eole-vpn: it"
            + " is also given to --remove-service; keep one of the two options",
        fails(
            "child",
            "update",
            "amon-dijon",
            "--add-service",
            "eole-vpn",
            "--remove-service",
            "eole-vpn"));
    String err = fails("child", "update", "amon-dijon", "--add-service", "eole-dhcp");
    assertTrue(
        err.endsWith(
            "--add-service eole-dhcp: the parent eole/2.9.0/amon already has this service"),
        err);
    err = fails("child", "update", "amon-dijon", "--remove-service", "eole-sso");
    assertTrue(
        err.endsWith("--remove-service eole-sso: the parent eole/2.9.0/amon has no such service"),
        err);
    assertEquals(before, listed());
  }

  @Test
  void childUpdate_withNothingToChange_isAUsageError() {
    createDijon();
    Run run = run("child", "update", "amon-dijon");
    assertEquals(2, run.exit(), run::toString);
    assertTrue(
        run.err().startsWith("usage error: nothing to change: give --set, --unset"), run.err());
    assertTrue(run.err().contains("Usage: "), run.err());
  }

  @Test
  void childUpdate_ofAnUnknownChildOrWithAMalformedSet() {
    createDijon();
    assertEquals(
        "error: no child model 'amon-lyon'",
        fails("child", "update", "amon-lyon", "--set", "proxy_port=8080"));
    assertEquals(
        "usage error: --set proxy_cache_mb: write VARIABLE=VALUE",
        usageError("child", "update", "amon-dijon", "--set", "proxy_cache_mb"));
    Run run = run("child", "update", "--set", "proxy_port=8080");
    assertEquals(2, run.exit(), run::toString);
    assertTrue(run.err().contains("NAME"), run.err());
  }

  @Test
  void childDelete_removesIt() {
    createDijon();
    assertEquals(
        List.of("deleted child model amon-dijon"), ok("child", "delete", "amon-dijon").out());
    assertEquals(List.of("no child model: create one with 'consumer child create'"), listed());
    assertEquals("[ ]", String.join("", ok("child", "list", "--json").out()).strip());
    assertEquals("error: no child model 'amon-dijon'", fails("child", "delete", "amon-dijon"));
  }

  @Test
  void childDelete_takesItsConflictsAlong() {
    raiseConflicts();
    ok("child", "delete", "amon-dijon");
    assertEquals(List.of("no conflict"), ok("conflicts", "--status", "all").out());
  }

  // conflicts

  @Test
  void conflicts_listsWorstFirst_withDetails() {
    long[] ids = raiseConflicts();

    List<String> out = ok("conflicts").out();
    assertTrue(
        out.get(0)
            .startsWith(
                "#" + ids[0] + " blocking variable-removed amon-dijon: Child model 'amon-dijon'"),
        out::toString);
    assertTrue(out.get(0).endsWith("[open, raised by eole 2.0.0]"), out::toString);
    assertTrue(out.contains("    override: 8081"), out::toString);
    assertTrue(out.contains("    old: 4000"), out::toString);
    assertTrue(out.contains("    new: 8000"), out::toString);
    assertTrue(out.contains("    override: 6000"), out::toString);

    JsonNode conflicts = json(ok("conflicts", "--json"));
    JsonNode removed = conflicts.get(0);
    assertEquals("blocking", removed.path("severity").asText());
    assertEquals(EoleReleases.REMOVED, removed.path("subject").asText());
    assertEquals("amon-dijon", removed.path("child").asText());
    assertEquals("2.0.0", removed.path("raisedVersion").asText());
    JsonNode changed = conflicts.get(1);
    assertEquals("warning", changed.path("severity").asText());
    assertEquals(EoleReleases.CHANGED, changed.path("subject").asText());
    assertEquals("4000", changed.path("details").path("old").asText());
    assertEquals("8000", changed.path("details").path("new").asText());
    assertEquals("6000", changed.path("details").path("override").asText());
  }

  @Test
  void conflicts_statusFilter() {
    long[] ids = raiseConflicts();
    ok("conflicts", "acknowledge", ids[0], "--comment", "moving filtering elsewhere");

    assertEquals(List.of(ids[1]), idsOf(ok("conflicts", "--json")));
    assertEquals(List.of(ids[1]), idsOf(ok("conflicts", "--status", "open", "--json")));
    assertEquals(List.of(ids[1]), idsOf(ok("conflicts", "--status", "OPEN", "--json")));
    assertEquals(List.of(ids[0]), idsOf(ok("conflicts", "--status", "acknowledged", "--json")));
    assertEquals(List.of(), idsOf(ok("conflicts", "--status", "resolved", "--json")));
    assertEquals(List.of("no resolved conflict"), ok("conflicts", "--status", "resolved").out());
    assertEquals(List.of(ids[0], ids[1]), idsOf(ok("conflicts", "--status", "all", "--json")));
  }

  @Test
  void conflicts_withoutConfig_isAUsageError() {
    Run run = ConsumerSite.run("conflicts");
    assertEquals(2, run.exit(), run::toString);
    assertTrue(
        run.err().startsWith("usage error: no configuration: give --config FILE, name the file in"),
        run.err());
  }

  @Test
  void conflicts_refusesAnUnknownStatus() {
    assertEquals(
        "usage error: --status closed: write open, acknowledged, resolved or all",
        usageError("conflicts", "--status", "closed"));
  }

  @Test
  void conflictsAcknowledge_recordsTheAdminAndComment() {
    long[] ids = raiseConflicts();
    List<String> out =
        ok("conflicts", "acknowledge", ids[0], "--comment", "moving filtering elsewhere").out();
    assertTrue(
        out.get(0).startsWith("#" + ids[0] + " blocking variable-removed amon-dijon: "),
        out::toString);
    assertTrue(out.get(0).endsWith("[acknowledged, raised by eole 2.0.0]"), out::toString);
    assertEquals(
        "    comment by " + byDefault() + ": moving filtering elsewhere", out.get(out.size() - 1));
    JsonNode stored = json(ok("conflicts", "--status", "acknowledged", "--json")).get(0);
    assertEquals(byDefault(), stored.path("statusChangedBy").asText());
  }

  @Test
  void conflictsResolve_recordsTheActorGiven() {
    long[] ids = raiseConflicts();
    List<String> out =
        ok("conflicts", "resolve", ids[0], "--actor", "alice@site", "--comment", "done").out();
    assertEquals("    comment by alice@site: done", out.get(out.size() - 1));
    JsonNode stored = json(ok("conflicts", "--status", "resolved", "--json")).get(0);
    assertEquals("alice@site", stored.path("statusChangedBy").asText());
  }

  @Test
  void actor_blankOrWithAControlCharacter_isAUsageError() {
    for (String actor : List.of("", "  ", "eve\nforged line", "x".repeat(201))) {
      Run run = run("conflicts", "acknowledge", "1", "--actor", actor);
      assertEquals(2, run.exit(), run::toString);
      assertTrue(
          run.err()
              .startsWith(
                  "usage error: --actor: write a name of 1 to 200 characters, without control"
                      + " characters"),
          run::err);
    }
  }

  @Test
  void actor_byDefault_isTheEnvironmentsUser() {
    assertEquals(
        "alice (command line)",
        ActorOption.byDefault(v -> v.equals("USER") ? "alice" : null, "root"));
    assertEquals("root (command line)", ActorOption.byDefault(v -> null, "root"));
    assertEquals("root (command line)", ActorOption.byDefault(v -> " ", "root"));
    assertEquals("unknown (command line)", ActorOption.byDefault(v -> null, null));
  }

  private static String byDefault() {
    return ActorOption.byDefault(System::getenv, System.getProperty("user.name"));
  }

  @Test
  void conflictsResolve_ofAChangedDefault_reconcilesTheChild() {
    long[] ids = raiseConflicts();
    List<String> out = ok("conflicts", "resolve", ids[1]).out();
    assertTrue(out.get(0).endsWith("[resolved, raised by eole 2.0.0]"), out::toString);

    JsonNode child = json(ok("child", "list", "--json")).get(0);
    assertEquals(
        "6000", child.path("set").path("proxy_cache_mb").asText(), "the admin's value stays");
    assertEquals(
        "8000", child.path("reconciledValues").path("proxy_cache_mb").asText(), "the new default");
    assertEquals(List.of(ids[0]), idsOf(ok("conflicts", "--json")));
    // A resolved conflict cannot be acknowledged afterwards.
    assertEquals(
        "error: conflict " + ids[1] + " is resolved already",
        fails("conflicts", "acknowledge", ids[1]));
  }

  @Test
  void conflictsAcknowledgeAndResolve_ofAnUnknownId() {
    raiseConflicts();
    assertEquals("error: no conflict 999", fails("conflicts", "acknowledge", "999"));
    assertEquals("error: no conflict 999", fails("conflicts", "resolve", "999"));
    Run run = run("conflicts", "resolve", "first");
    assertEquals(2, run.exit(), run::toString);
    assertTrue(run.err().contains("ID"), run.err());
  }

  private static List<Long> idsOf(Run run) {
    List<Long> ids = new ArrayList<>();
    json(run).forEach(c -> ids.add(c.path("id").asLong()));
    return ids;
  }

  // models

  @Test
  void models_listsTheImportedModels() {
    List<String> all = ok("models").out();
    assertEquals(18, all.size(), all::toString);
    assertEquals(all, ok("models", "eole").out());
    assertTrue(
        all.contains("eole/2.9.0/amon: Amon, " + variables(AMON) + " variables, from 1.0.0"),
        all::toString);
    assertEquals(List.of("no model imported for acme"), ok("models", "acme").out());

    JsonNode models = json(ok("models", "--json"));
    assertEquals(18, models.size());
    JsonNode amon = null;
    for (JsonNode m : models) {
      if (m.path("release").asText().equals("2.9.0") && m.path("name").asText().equals("amon")) {
        amon = m;
      }
    }
    assertTrue(amon != null, models::toString);
    assertEquals("eole", amon.path("datasource").asText());
    assertEquals("eolebase", amon.path("parent").asText());
    assertEquals("active", amon.path("status").asText());
    assertEquals("1.0.0", amon.path("importedVersion").asText());
  }

  @Test
  void models_marksAModelWithdrawnUpstream_andEscapesATitleThatWouldForgeALine()
      throws IOException {
    // A model a child derives from stays, withdrawn, when a release removes it.
    ok("child", "create", "hapy-dijon", "--parent", "eole/2.9.0/hapy");
    Path next = EoleReleases.next(site.resolve("next"));
    Files.delete(next.resolve("servermodels/2.9.0/hapy.yaml"));
    Path scribe = next.resolve("servermodels/2.9.0/scribe.yaml");
    Files.writeString(
        scribe,
        Files.readString(scribe)
            .replace("title: Scribe", "title: \"Scribe\\u202E\\nforged: 0 variables\""));
    importRelease(next, "2.0.0");

    List<String> all = ok("models").out();
    assertEquals(18, all.size(), all::toString);
    assertTrue(
        all.contains(
            "eole/2.9.0/hapy (withdrawn upstream): Hapy, "
                + variables("eole/2.9.0/hapy")
                + " variables, from 1.0.0"),
        all::toString);
    assertTrue(
        all.contains(
            "eole/2.9.0/scribe: Scribe\\u202E\\u000Aforged: 0 variables, "
                + variables("eole/2.9.0/scribe")
                + " variables, from 2.0.0"),
        all::toString);
  }

  private int variables(String model) {
    return json(ok("models", model, "--json")).path("variables").size();
  }

  @Test
  void modelsOne_showsEffectiveVariablesWithProvenance() {
    List<String> out = ok("models", AMON).out();
    assertEquals("eole/2.9.0/amon: Amon", out.get(0));
    assertEquals(
        "  services: eole-base, eole-firewall, eole-proxy, eole-dhcp, eole-dns", out.get(1));
    // Set by the model, by a service's default (2.9.0's own eole-proxy), or by nothing.
    assertTrue(
        out.contains("  proxy_mode = transparent (choice, from servermodels/2.9.0/amon.yaml)"),
        out::toString);
    assertTrue(
        out.contains("  proxy_cache_mb = 4000 (integer, from services/2.9.0/eole-proxy.yaml)"),
        out::toString);
    assertTrue(
        out.contains("  domain_name = etab.lan (hostname, from services/eole-base.yaml)"),
        out::toString);
    assertTrue(out.contains("  proxy_parent = (none) (hostname, from no value)"), out::toString);
    assertFalse(out.stream().anyMatch(l -> l.startsWith("  proxy_ntlm_auth ")), out::toString);

    JsonNode amon = json(ok("models", AMON, "--json"));
    assertEquals(AMON, amon.path("model").asText());
    assertFalse(amon.path("withdrawn").asBoolean());
    assertEquals("eolebase", amon.path("extends").asText());
    JsonNode mode = amon.path("variables").path("proxy_mode");
    assertEquals("eole-proxy", mode.path("service").asText());
    assertEquals("choice", mode.path("type").asText());
    assertEquals("transparent", mode.path("value").asText());
    assertEquals("servermodels/2.9.0/amon.yaml", mode.path("source").asText());
    JsonNode parent = amon.path("variables").path("proxy_parent");
    assertTrue(parent.path("value").isNull(), parent::toString);
    assertTrue(parent.path("source").isNull(), parent::toString);
  }

  @Test
  void modelsOne_ofAnUnknownModel() {
    assertEquals("error: no upstream model eole/2.9.0/nope", fails("models", "eole/2.9.0/nope"));
    assertTrue(
        usageError("models", "eole/amon").startsWith("usage error: eole/amon: invalid model"));
  }

  // imports and status

  @Test
  void importsJson_recordsEachImportWithItsCounts() {
    JsonNode runs = json(ok("imports", "--json"));
    assertEquals(1, runs.size(), runs::toString);
    JsonNode first = runs.get(0);
    assertEquals("import", first.path("kind").asText());
    assertEquals("eole", first.path("datasource").asText());
    assertTrue(first.path("fromVersion").isNull(), first::toString);
    assertEquals("1.0.0", first.path("toVersion").asText());
    assertEquals("success", first.path("outcome").asText());
    assertEquals(18, first.path("counts").path("added").asInt(), first::toString);

    raiseConflicts();
    runs = json(ok("imports", "eole", "--json"));
    assertEquals(2, runs.size(), runs::toString);
    JsonNode second = runs.get(0);
    assertEquals("1.0.0", second.path("fromVersion").asText());
    assertEquals("2.0.0", second.path("toVersion").asText());
    assertEquals(2, second.path("conflictsRaised").asInt());
    assertEquals(0, second.path("counts").path("added").asInt());
    assertTrue(second.path("counts").path("changed").asInt() > 0, second::toString);
    assertEquals(1, json(ok("imports", "--limit", "1", "--json")).size());
    assertEquals("[ ]", String.join("", ok("imports", "acme", "--json").out()).strip());
  }

  @Test
  void imports_limitOutOfRange_isAUsageError() {
    for (String limit : List.of("0", "-1", "1001")) {
      assertEquals(
          "usage error: --limit " + limit + ": write a number from 1 to 1000",
          usageError("imports", "--limit", limit));
    }
    ok("imports", "--limit", "1000");
  }

  @Test
  void statusJson_givesTheInstalledVersionAndModelCount() {
    JsonNode eole = json(ok("status", "--json")).path("upstream").path("datasources").path("eole");
    assertEquals("1.0.0", eole.path("installed").asText(), eole::toString);
    assertEquals(18, eole.path("models").asInt(), eole::toString);
    assertTrue(eole.path("pinnedBelow").isMissingNode(), eole::toString);

    importRelease(EoleReleases.next(site.resolve("next")), "2.0.0");
    eole = json(ok("status", "--json")).path("upstream").path("datasources").path("eole");
    assertEquals("2.0.0", eole.path("installed").asText(), eole::toString);
    assertEquals(18, eole.path("models").asInt(), eole::toString);
    assertTrue(
        ok("status").out().contains("  eole: installed 2.0.0 (18 models)"),
        () -> ok("status").out().toString());
  }

  @Test
  void status_warnsOfATimestampThatExpiresBeforeTheNextPoll_andOfNoMirrorAnswering() {
    DataFolder folder = new DataFolder(site.resolve("alize-data"));
    RepositorySimulator repository = new RepositorySimulator();
    Instant expires = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
    repository.timestamp.expires = expires;
    MetadataStore trusted = new MetadataStore(folder.metadata("upstream"));
    trusted.write("timestamp", repository.metadata("timestamp"));
    RepositoryStatus status = new RepositoryStatus();
    Instant last = Instant.now().minus(Duration.ofDays(4)).truncatedTo(ChronoUnit.SECONDS);
    status.lastSuccess = last;
    new StatusStore(folder).write("upstream", status);

    List<String> out = ok("status").out();
    assertTrue(
        out.contains(
            "  warning: upstream: the trusted timestamp version 1 ("
                + trusted.dir().resolve("timestamp.json")
                + ") expires on "
                + TufTime.format(expires)
                + ", before the next poll: unless a poll succeeds by then, this site takes no"
                + " update from the repository; check that a mirror answers ('consumer sync"
                + " --once') and, if none has newer metadata, tell its publisher"),
        out::toString);
    assertTrue(
        out.contains(
            "  warning: upstream: no mirror has answered since "
                + TufTime.format(last)
                + ", more than 3d ago; the site stops taking updates from it once its trusted"
                + " timestamp expires, on "
                + TufTime.format(expires)
                + "; check the network and each mirror's last error ('consumer status')"),
        out::toString);
    JsonNode warnings = json(ok("status", "--json")).path("upstream").path("warnings");
    assertEquals("expiring", warnings.path(0).path("kind").asText(), warnings::toString);
    assertEquals("unreachable", warnings.path(1).path("kind").asText(), warnings::toString);
  }

  // rollback

  @Test
  void rollback_withNothingToRollBackTo() {
    assertEquals(
        "error: eole 1.0.0 has no earlier import to roll back to (a rollback is not rolled back:"
            + " approve the newer release instead)",
        fails("rollback", "eole"));
    assertEquals("error: no datasource 'acme' has been imported", fails("rollback", "acme"));
  }

  @Test
  void rollback_withoutTheCachedArchive() {
    importRelease(EoleReleases.next(site.resolve("next")), "2.0.0");
    String err = fails("rollback", "eole");
    assertTrue(err.startsWith("error: cannot roll back eole to 1.0.0: its cached archive "), err);
    assertTrue(err.contains(" is missing;"), err);
    assertEquals(
        "2.0.0",
        json(ok("status", "--json"))
            .path("upstream")
            .path("datasources")
            .path("eole")
            .path("installed")
            .asText());
  }
}
