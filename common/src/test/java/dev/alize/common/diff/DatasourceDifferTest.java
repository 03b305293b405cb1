package dev.alize.common.diff;

import static dev.alize.common.diff.ChangeKind.ADDED;
import static dev.alize.common.diff.ChangeKind.CHANGED;
import static dev.alize.common.diff.ChangeKind.REMOVED;
import static dev.alize.common.diff.Subject.DATASOURCE;
import static dev.alize.common.diff.Subject.MODEL;
import static dev.alize.common.diff.Subject.RELEASE;
import static dev.alize.common.diff.Subject.SERVICE;
import static dev.alize.common.diff.Subject.VARIABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.archive.DeterministicArchive;
import dev.alize.common.datasource.Datasource;
import dev.alize.common.datasource.DatasourceLoader;
import dev.alize.common.datasource.DirectorySourceTree;
import dev.alize.common.version.Bump;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasourceDifferTest {

  /** What every version starts from; each test states only what its versions change. */
  private static final Map<String, String> FILES = new LinkedHashMap<>();

  static {
    FILES.put(
        "datasource.yaml",
        """
        format: 1
        name: demo
        title: Demo models
        maintainer: Demo team <demo@example.org>
        """);
    FILES.put(
        "releases/1.0.yaml",
        """
        name: "1.0"
        status: supported
        """);
    FILES.put(
        "services/web.yaml",
        """
        name: web
        packages: [nginx]
        variables:
          web_port:
            type: port
            default: 80
          web_name:
            type: hostname
            default: www.example.org
          mode:
            type: choice
            choices: [fast, safe]
            default: safe
          workers:
            type: integer
            min: 1
            max: 64
            default: 4
        """);
    FILES.put(
        "services/dns.yaml",
        """
        name: dns
        variables:
          zone_label:
            type: string
            pattern: "[a-z]+"
            default: lan
        """);
    FILES.put(
        "servermodels/1.0/base.yaml",
        """
        name: base
        release: "1.0"
        title: Base
        services: [dns]
        """);
    FILES.put(
        "servermodels/1.0/gateway.yaml",
        """
        name: gateway
        release: "1.0"
        extends: base
        services: [web]
        variables:
          workers: 8
        """);
  }

  private static final String CACHE_SERVICE =
      """
      name: cache
      variables:
        cache_mb:
          type: integer
          default: 100
      """;

  private static final String EDGE_MODEL =
      """
      name: edge
      release: "1.0"
      extends: gateway
      """;

  @TempDir Path tmp;

  private int versions;

  @Test
  void diff_identicalDatasourcesHaveNoChange() {
    DatasourceDiff diff = diff(Map.of(), Map.of());

    assertEquals(List.of(), diff.changes());
    assertTrue(diff.isEmpty());
    assertEquals(Bump.NONE, diff.bump());
  }

  @Test
  void diff_keyOrderAndYamlStyleAreNoChange() {
    DatasourceDiff diff =
        diffTo(
            Map.of(
                "servermodels/1.0/gateway.yaml",
                """
                variables: {workers: 8}
                services:
                  - web
                extends: base
                release: '1.0'
                name: gateway
                """));

    assertEquals(List.of(), diff.changes());
    assertEquals(Bump.NONE, diff.bump());
  }

  @Test
  void diff_defaultChangedIsPatchAndShowsInModelsUsingIt() {
    DatasourceDiff diff = diffTo(edit("services/web.yaml", "default: 80", "default: 8080"));

    assertChanges(
        diff,
        change(CHANGED, VARIABLE, "1.0/web/web_port", Bump.PATCH, "default: 80 -> 8080"),
        change(CHANGED, MODEL, "1.0/gateway", Bump.PATCH, "value of web_port: 80 -> 8080"));
    assertEquals(Bump.PATCH, diff.bump());
  }

  @Test
  void diff_defaultChangedUnderModelValueIsPatch() {
    DatasourceDiff diff = diffTo(edit("services/web.yaml", "default: 4", "default: 6"));

    // gateway sets workers itself, so only the definition it carries changed.
    assertChanges(
        diff,
        change(CHANGED, VARIABLE, "1.0/web/workers", Bump.PATCH, "default: 4 -> 6"),
        change(
            CHANGED,
            MODEL,
            "1.0/gateway",
            Bump.PATCH,
            "variable descriptions or defaults changed"));
    assertEquals(Bump.PATCH, diff.bump());
  }

  @Test
  void diff_variableRemovedIsMajor() {
    DatasourceDiff diff =
        diffTo(
            edit(
                "services/web.yaml",
                "  mode:\n    type: choice\n    choices: [fast, safe]\n    default: safe\n",
                ""));

    assertChanges(
        diff,
        change(REMOVED, VARIABLE, "1.0/web/mode", Bump.MAJOR),
        change(CHANGED, MODEL, "1.0/gateway", Bump.MAJOR, "variable removed: mode"));
    assertEquals(Bump.MAJOR, diff.bump());
  }

  @Test
  void diff_variableAddedIsMinor() {
    DatasourceDiff diff =
        diffTo(
            edit(
                "services/web.yaml",
                "  workers:\n",
                "  web_tls:\n    type: boolean\n    default: false\n  workers:\n"));

    assertChanges(
        diff,
        change(ADDED, VARIABLE, "1.0/web/web_tls", Bump.MINOR),
        change(CHANGED, MODEL, "1.0/gateway", Bump.MINOR, "variable added: web_tls"));
    assertEquals(Bump.MINOR, diff.bump());
  }

  @Test
  void diff_serviceAddedIsMinor() {
    DatasourceDiff diff = diffTo(Map.of("services/cache.yaml", CACHE_SERVICE));

    assertChanges(diff, change(ADDED, SERVICE, "1.0/cache", Bump.MINOR));
    assertEquals(Bump.MINOR, diff.bump());
  }

  @Test
  void diff_serviceRemovedIsMajor() {
    DatasourceDiff diff = diff(Map.of("services/cache.yaml", CACHE_SERVICE), Map.of());

    assertChanges(diff, change(REMOVED, SERVICE, "1.0/cache", Bump.MAJOR));
    assertEquals(Bump.MAJOR, diff.bump());
  }

  @Test
  void diff_servicePackagesChangedIsPatch() {
    DatasourceDiff diff =
        diffTo(edit("services/web.yaml", "packages: [nginx]", "packages: [nginx, certbot]"));

    assertChanges(
        diff,
        change(CHANGED, SERVICE, "1.0/web", Bump.PATCH, "packages: [nginx] -> [nginx, certbot]"));
    assertEquals(Bump.PATCH, diff.bump());
  }

  @Test
  void diff_modelAddedIsMinor() {
    DatasourceDiff diff = diffTo(Map.of("servermodels/1.0/edge.yaml", EDGE_MODEL));

    assertChanges(diff, change(ADDED, MODEL, "1.0/edge", Bump.MINOR));
    assertEquals(Bump.MINOR, diff.bump());
  }

  @Test
  void diff_modelRemovedIsMajor() {
    DatasourceDiff diff = diff(Map.of("servermodels/1.0/edge.yaml", EDGE_MODEL), Map.of());

    assertChanges(diff, change(REMOVED, MODEL, "1.0/edge", Bump.MAJOR));
    assertEquals(Bump.MAJOR, diff.bump());
  }

  @Test
  void diff_lastModelOfAReleaseRemovedIsMajor() {
    Map<String, String> release = Map.of("releases/2.0.yaml", "name: \"2.0\"\nstatus: supported\n");
    DatasourceDiff diff =
        diff(
            with(
                release,
                Map.of(
                    "servermodels/2.0/solo.yaml",
                    "name: solo\nrelease: \"2.0\"\nservices: [dns]\n")),
            release);

    assertChanges(diff, change(REMOVED, MODEL, "2.0/solo", Bump.MAJOR));
  }

  @Test
  void diff_releaseAddedIsMinor() {
    DatasourceDiff diff =
        diffTo(Map.of("releases/2.0.yaml", "name: \"2.0\"\nstatus: development\n"));

    assertEquals(
        List.of(change(ADDED, RELEASE, "2.0", Bump.MINOR)), ofSubject(diff, RELEASE), render(diff));
    assertEquals(Bump.MINOR, diff.bump());
  }

  @Test
  void diff_releaseRemovedIsMajor() {
    DatasourceDiff diff =
        diff(Map.of("releases/2.0.yaml", "name: \"2.0\"\nstatus: development\n"), Map.of());

    assertEquals(
        List.of(change(REMOVED, RELEASE, "2.0", Bump.MAJOR)),
        ofSubject(diff, RELEASE),
        render(diff));
    assertEquals(Bump.MAJOR, diff.bump());
  }

  @Test
  void diff_modelsOfAnAddedOrRemovedReleaseAreListed() {
    Map<String, String> release =
        Map.of(
            "releases/2.0.yaml", "name: \"2.0\"\nstatus: development\n",
            "servermodels/2.0/edge.yaml", "name: edge\nrelease: \"2.0\"\n");

    assertEquals(List.of("2.0/edge"), diffTo(release).models(ChangeKind.ADDED));
    assertEquals(List.of("2.0/edge"), diff(release, Map.of()).models(ChangeKind.REMOVED));
  }

  @Test
  void diff_typeChangedIsMajor() {
    DatasourceDiff diff = diffTo(edit("services/web.yaml", "type: port", "type: integer"));

    assertChanges(
        diff,
        change(CHANGED, VARIABLE, "1.0/web/web_port", Bump.MAJOR, "type: port -> integer"),
        change(CHANGED, MODEL, "1.0/gateway", Bump.MAJOR, "web_port type: port -> integer"));
    assertEquals(Bump.MAJOR, diff.bump());
  }

  @Test
  void diff_minRaisedIsMajor() {
    DatasourceDiff diff = diffTo(edit("services/web.yaml", "min: 1\n", "min: 2\n"));

    assertChanges(
        diff,
        change(CHANGED, VARIABLE, "1.0/web/workers", Bump.MAJOR, "min: 1 -> 2"),
        change(CHANGED, MODEL, "1.0/gateway", Bump.MAJOR, "workers min: 1 -> 2"));
    assertEquals(Bump.MAJOR, diff.bump());
  }

  @Test
  void diff_minLoweredIsPatch() {
    DatasourceDiff diff = diffTo(edit("services/web.yaml", "min: 1\n", "min: 0\n"));

    assertChanges(
        diff,
        change(CHANGED, VARIABLE, "1.0/web/workers", Bump.PATCH, "min: 1 -> 0"),
        change(CHANGED, MODEL, "1.0/gateway", Bump.PATCH, "workers min: 1 -> 0"));
    assertEquals(Bump.PATCH, diff.bump());
  }

  @Test
  void diff_minRemovedIsPatch() {
    DatasourceDiff diff = diffTo(edit("services/web.yaml", "    min: 1\n", ""));

    assertChanges(
        diff,
        change(CHANGED, VARIABLE, "1.0/web/workers", Bump.PATCH, "min: 1 -> (none)"),
        change(CHANGED, MODEL, "1.0/gateway", Bump.PATCH, "workers min: 1 -> (none)"));
    assertEquals(Bump.PATCH, diff.bump());
  }

  @Test
  void diff_minNewlySetIsMajor() {
    DatasourceDiff diff =
        diffTo(edit("services/web.yaml", "type: port\n", "type: port\n    min: 10\n"));

    assertChanges(
        diff,
        change(CHANGED, VARIABLE, "1.0/web/web_port", Bump.MAJOR, "min: (none) -> 10"),
        change(CHANGED, MODEL, "1.0/gateway", Bump.MAJOR, "web_port min: (none) -> 10"));
    assertEquals(Bump.MAJOR, diff.bump());
  }

  @Test
  void diff_maxLoweredIsMajor() {
    DatasourceDiff diff = diffTo(edit("services/web.yaml", "max: 64", "max: 32"));

    assertChanges(
        diff,
        change(CHANGED, VARIABLE, "1.0/web/workers", Bump.MAJOR, "max: 64 -> 32"),
        change(CHANGED, MODEL, "1.0/gateway", Bump.MAJOR, "workers max: 64 -> 32"));
    assertEquals(Bump.MAJOR, diff.bump());
  }

  @Test
  void diff_maxRaisedIsPatch() {
    DatasourceDiff diff = diffTo(edit("services/web.yaml", "max: 64", "max: 128"));

    assertChanges(
        diff,
        change(CHANGED, VARIABLE, "1.0/web/workers", Bump.PATCH, "max: 64 -> 128"),
        change(CHANGED, MODEL, "1.0/gateway", Bump.PATCH, "workers max: 64 -> 128"));
    assertEquals(Bump.PATCH, diff.bump());
  }

  @Test
  void diff_choiceRemovedIsMajor() {
    DatasourceDiff diff =
        diffTo(edit("services/web.yaml", "choices: [fast, safe]", "choices: [safe]"));

    assertChanges(
        diff,
        change(CHANGED, VARIABLE, "1.0/web/mode", Bump.MAJOR, "choices removed: [fast]"),
        change(CHANGED, MODEL, "1.0/gateway", Bump.MAJOR, "mode choices removed: [fast]"));
    assertEquals(Bump.MAJOR, diff.bump());
  }

  @Test
  void diff_choiceAddedIsPatch() {
    DatasourceDiff diff =
        diffTo(edit("services/web.yaml", "choices: [fast, safe]", "choices: [fast, safe, eco]"));

    assertChanges(
        diff,
        change(CHANGED, VARIABLE, "1.0/web/mode", Bump.PATCH, "choices added: [eco]"),
        change(CHANGED, MODEL, "1.0/gateway", Bump.PATCH, "mode choices added: [eco]"));
    assertEquals(Bump.PATCH, diff.bump());
  }

  @Test
  void diff_patternAddedIsMajor() {
    DatasourceDiff diff =
        diffTo(
            edit(
                "services/web.yaml",
                "type: hostname\n",
                "type: hostname\n    pattern: '[a-z.]+'\n"));

    assertChanges(
        diff,
        change(CHANGED, VARIABLE, "1.0/web/web_name", Bump.MAJOR, "pattern: (none) -> [a-z.]+"),
        change(CHANGED, MODEL, "1.0/gateway", Bump.MAJOR, "web_name pattern: (none) -> [a-z.]+"));
    assertEquals(Bump.MAJOR, diff.bump());
  }

  @Test
  void diff_patternChangedIsMajor() {
    DatasourceDiff diff = diffTo(edit("services/dns.yaml", "\"[a-z]+\"", "\"[a-z]{1,8}\""));

    assertChanges(
        diff,
        change(
            CHANGED, VARIABLE, "1.0/dns/zone_label", Bump.MAJOR, "pattern: [a-z]+ -> [a-z]{1,8}"),
        change(CHANGED, MODEL, "1.0/base", Bump.MAJOR, "zone_label pattern: [a-z]+ -> [a-z]{1,8}"),
        change(
            CHANGED, MODEL, "1.0/gateway", Bump.MAJOR, "zone_label pattern: [a-z]+ -> [a-z]{1,8}"));
    assertEquals(Bump.MAJOR, diff.bump());
  }

  @Test
  void diff_patternRemovedIsPatch() {
    DatasourceDiff diff = diffTo(edit("services/dns.yaml", "    pattern: \"[a-z]+\"\n", ""));

    assertChanges(
        diff,
        change(CHANGED, VARIABLE, "1.0/dns/zone_label", Bump.PATCH, "pattern: [a-z]+ -> (none)"),
        change(CHANGED, MODEL, "1.0/base", Bump.PATCH, "zone_label pattern: [a-z]+ -> (none)"),
        change(CHANGED, MODEL, "1.0/gateway", Bump.PATCH, "zone_label pattern: [a-z]+ -> (none)"));
    assertEquals(Bump.PATCH, diff.bump());
  }

  @Test
  void diff_modelNoLongerRunningServiceIsMajor() {
    DatasourceDiff diff =
        diff(
            with(
                Map.of("services/cache.yaml", CACHE_SERVICE),
                edit("servermodels/1.0/gateway.yaml", "[web]", "[web, cache]")),
            Map.of("services/cache.yaml", CACHE_SERVICE));

    assertChanges(
        diff,
        change(
            CHANGED,
            MODEL,
            "1.0/gateway",
            Bump.MAJOR,
            "service removed: cache",
            "variable removed: cache_mb"));
    assertEquals(Bump.MAJOR, diff.bump());
  }

  @Test
  void diff_modelRunningOneMoreServiceIsMinor() {
    DatasourceDiff diff =
        diff(
            Map.of("services/cache.yaml", CACHE_SERVICE),
            with(
                Map.of("services/cache.yaml", CACHE_SERVICE),
                edit("servermodels/1.0/gateway.yaml", "[web]", "[web, cache]")));

    assertChanges(
        diff,
        change(
            CHANGED,
            MODEL,
            "1.0/gateway",
            Bump.MINOR,
            "service added: cache",
            "variable added: cache_mb"));
    assertEquals(Bump.MINOR, diff.bump());
  }

  @Test
  void diff_modelValueChangedIsPatch() {
    DatasourceDiff diff =
        diffTo(edit("servermodels/1.0/gateway.yaml", "workers: 8", "workers: 16"));

    assertChanges(
        diff, change(CHANGED, MODEL, "1.0/gateway", Bump.PATCH, "value of workers: 8 -> 16"));
    assertEquals(Bump.PATCH, diff.bump());
  }

  @Test
  void diff_parentValueChangedShowsInChildren() {
    DatasourceDiff diff =
        diffTo(
            edit(
                "servermodels/1.0/base.yaml",
                "services: [dns]\n",
                "services: [dns]\nvariables:\n  zone_label: dmz\n"));

    assertChanges(
        diff,
        change(CHANGED, MODEL, "1.0/base", Bump.PATCH, "value of zone_label: lan -> dmz"),
        change(CHANGED, MODEL, "1.0/gateway", Bump.PATCH, "value of zone_label: lan -> dmz"));
    assertEquals(Bump.PATCH, diff.bump());
  }

  @Test
  void diff_defaultRestatedByModelIsPatch() {
    DatasourceDiff diff =
        diffTo(edit("servermodels/1.0/gateway.yaml", "workers: 8\n", "workers: 8\n  mode: safe\n"));

    assertChanges(
        diff,
        change(
            CHANGED,
            MODEL,
            "1.0/gateway",
            Bump.PATCH,
            "value of mode now set by servermodels/1.0/gateway.yaml"));
    assertEquals(Bump.PATCH, diff.bump());
  }

  @Test
  void diff_variableDescriptionChangedIsPatch() {
    DatasourceDiff diff =
        diffTo(
            edit(
                "services/web.yaml",
                "type: port\n",
                "type: port\n    description: Port the server listens on.\n"));

    assertChanges(
        diff,
        change(
            CHANGED,
            VARIABLE,
            "1.0/web/web_port",
            Bump.PATCH,
            "description: (none) -> Port the server listens on."),
        change(
            CHANGED,
            MODEL,
            "1.0/gateway",
            Bump.PATCH,
            "variable descriptions or defaults changed"));
    assertEquals(Bump.PATCH, diff.bump());
  }

  @Test
  void diff_descriptionsAndTitlesChangedArePatch() {
    DatasourceDiff diff =
        diffTo(
            with(
                edit("datasource.yaml", "title: Demo models", "title: Demo server models"),
                edit("services/web.yaml", "name: web\n", "name: web\ndescription: Web server.\n"),
                edit(
                    "servermodels/1.0/base.yaml", "title: Base\n", "description: Common base.\n")));

    assertChanges(
        diff,
        change(CHANGED, DATASOURCE, "demo", Bump.PATCH, "title: Demo models -> Demo server models"),
        change(CHANGED, SERVICE, "1.0/web", Bump.PATCH, "description: (none) -> Web server."),
        change(
            CHANGED,
            MODEL,
            "1.0/base",
            Bump.PATCH,
            "title: Base -> (none)",
            "description: (none) -> Common base."));
    assertEquals(Bump.PATCH, diff.bump());
  }

  @Test
  void diff_releaseStatusChangedIsPatch() {
    DatasourceDiff diff =
        diffTo(
            edit(
                "releases/1.0.yaml",
                "status: supported\n",
                "status: maintenance\nend_of_support: 2030-06-30\n"));

    assertChanges(
        diff,
        change(
            CHANGED,
            RELEASE,
            "1.0",
            Bump.PATCH,
            "status: supported -> maintenance",
            "end of support: (none) -> 2030-06-30"));
    assertEquals(Bump.PATCH, diff.bump());
  }

  @Test
  void diff_bumpIsTheLargestOfAllChanges() {
    DatasourceDiff diff =
        diffTo(
            with(
                edit("services/web.yaml", "max: 64", "max: 32"),
                edit("servermodels/1.0/gateway.yaml", "workers: 8", "workers: 16"),
                Map.of("servermodels/1.0/edge.yaml", EDGE_MODEL)));

    assertChanges(
        diff,
        change(CHANGED, VARIABLE, "1.0/web/workers", Bump.MAJOR, "max: 64 -> 32"),
        change(ADDED, MODEL, "1.0/edge", Bump.MINOR),
        change(
            CHANGED,
            MODEL,
            "1.0/gateway",
            Bump.MAJOR,
            "workers max: 64 -> 32",
            "value of workers: 8 -> 16"));
    assertEquals(Bump.MAJOR, diff.bump());
  }

  @Test
  void diff_modelsListsReleaseSlashModelByKind() {
    String release2 = "name: \"2.0\"\nstatus: development\n";
    String solo = "name: solo\nrelease: \"2.0\"\nservices: [dns]\n";
    String legacy = "name: legacy\nrelease: \"1.0\"\nextends: base\n";
    DatasourceDiff diff =
        diff(
            Map.of(
                "releases/2.0.yaml",
                release2,
                "servermodels/2.0/solo.yaml",
                solo,
                "servermodels/1.0/legacy.yaml",
                legacy),
            with(
                Map.of("releases/2.0.yaml", release2, "servermodels/1.0/edge.yaml", EDGE_MODEL),
                edit("servermodels/1.0/gateway.yaml", "workers: 8", "workers: 16"),
                Map.of("servermodels/2.0/solo.yaml", solo + "title: Solo\n")));

    assertEquals(List.of("1.0/edge"), diff.models(ADDED));
    assertEquals(List.of("1.0/legacy"), diff.models(REMOVED));
    assertEquals(List.of("1.0/gateway", "2.0/solo"), diff.models(CHANGED));
  }

  private DatasourceDiff diffTo(Map<String, String> newChanges) {
    return diff(Map.of(), newChanges);
  }

  private DatasourceDiff diff(Map<String, String> oldChanges, Map<String, String> newChanges) {
    Path before = write(oldChanges);
    Path after = write(newChanges);
    Datasource next = new DatasourceLoader().load(after).orThrow();
    DatasourceDiff whole =
        DatasourceDiffer.diff(new DatasourceLoader().load(before).orThrow(), next);
    // A release compares with the previous one read from its archive, the models of unchanged
    // sources read in neither: every case here holds for it too.
    PreviousRelease.Comparison c =
        PreviousRelease.read("previous", archive(before)).compare(archive(after));
    Datasource changed =
        new DatasourceLoader().load(new DirectorySourceTree(after), c.unread()).orThrow();
    assertEquals(
        whole.changes(), DatasourceDiffer.diff(c.previous(), c.changed(changed)).changes());
    return whole;
  }

  private static byte[] archive(Path dir) {
    return DeterministicArchive.write(new DirectorySourceTree(dir));
  }

  /** Writes {@link #FILES} with {@code changes} applied, each version in a folder of its own. */
  private Path write(Map<String, String> changes) {
    Path dir = tmp.resolve("v" + versions++).resolve("demo");
    Map<String, String> files = new HashMap<>(FILES);
    files.putAll(changes);
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = dir.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** {@code file} of {@link #FILES} with its only occurrence of {@code from} replaced. */
  private static Map<String, String> edit(String file, String from, String to) {
    String text = FILES.get(file);
    int at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) {
      throw new IllegalArgumentException("'" + from + "' is not once in " + file);
    }
    return Map.of(file, text.replace(from, to));
  }

  @SafeVarargs
  private static Map<String, String> with(Map<String, String>... changes) {
    Map<String, String> all = new HashMap<>();
    for (Map<String, String> c : changes) {
      c.forEach(
          (file, text) -> {
            if (all.put(file, text) != null) {
              throw new IllegalArgumentException(file + " is changed twice");
            }
          });
    }
    return all;
  }

  private static Change change(
      ChangeKind kind, Subject subject, String path, Bump bump, String... details) {
    return new Change(kind, subject, path, List.of(details), bump);
  }

  private static List<Change> ofSubject(DatasourceDiff diff, Subject subject) {
    return diff.changes().stream().filter(c -> c.subject() == subject).toList();
  }

  private static void assertChanges(DatasourceDiff diff, Change... expected) {
    assertEquals(List.of(expected), diff.changes(), render(diff));
  }

  /** Every field, since Change.toString leaves out the details and the bump. */
  private static String render(DatasourceDiff diff) {
    return diff.changes().stream()
        .map(c -> c + " " + c.bump() + " " + c.details())
        .collect(Collectors.joining("\n", "changes:\n", ""));
  }
}
