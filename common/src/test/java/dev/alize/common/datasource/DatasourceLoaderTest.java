package dev.alize.common.datasource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.error.Problem;
import dev.alize.common.yaml.YamlLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasourceLoaderTest {

  @TempDir Path dir;

  private LoadResult load(Map<String, String> changes) {
    return new DatasourceLoader().load(DemoDatasource.write(dir, changes));
  }

  /**
   * Asserts exactly one problem, in {@code file} at {@code line}, whose message has {@code text}.
   */
  private Problem onlyProblem(LoadResult result, String file, int line, String text) {
    assertEquals(
        1,
        result.problems().size(),
        () -> String.join("\n", result.problems().stream().map(Problem::toString).toList()));
    Problem p = result.problems().get(0);
    assertEquals(dir.resolve(file).toString(), p.file(), p::toString);
    assertEquals(line, p.line(), p::toString);
    assertTrue(p.message().contains(text), p::toString);
    assertTrue(result.datasource().isEmpty());
    return p;
  }

  @Test
  void load_acceptsTheDemo() {
    LoadResult result = load(Map.of());
    assertEquals(List.of(), result.problems());
    Datasource d = result.orThrow();
    assertEquals("demo", d.name());
    assertEquals(2, d.modelCount());
    assertEquals(2, d.serviceCount());
  }

  @Test
  void load_unreadModels_areNeitherReadNorInTheDatasource_butTheirNamesAreChecked()
      throws IOException {
    Path tree =
        DemoDatasource.write(
            dir,
            Map.of(
                "servermodels/1.0/gateway.yaml", "not: [valid",
                "servermodels/1.0/Base.yaml", "name: Base"));

    LoadResult result =
        new DatasourceLoader()
            .load(
                new DirectorySourceTree(tree),
                Set.of("servermodels/1.0/gateway.yaml", "servermodels/1.0/Base.yaml"));

    // The unread gateway, broken, is not reported; the unread Base still clashes with base.
    assertEquals(1, result.problems().size(), result.problems()::toString);
    assertTrue(result.problems().get(0).message().contains("where case is ignored"));
    Files.delete(tree.resolve("servermodels/1.0/Base.yaml"));
    Datasource d =
        new DatasourceLoader()
            .load(new DirectorySourceTree(tree), Set.of("servermodels/1.0/gateway.yaml"))
            .orThrow();
    assertEquals(Set.of("base"), d.models().get("1.0").keySet());
  }

  @Test
  void load_rejectsAliasBomb() {
    StringBuilder bomb =
        new StringBuilder("name: web\nx: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    char previous = 'a';
    for (char c = 'b'; c <= 'i'; c++) {
      bomb.append("x").append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        bomb.append(i == 0 ? "*" : ", *").append(previous);
      }
      bomb.append("]\n");
      previous = c;
    }
    LoadResult result = load(Map.of("services/web.yaml", bomb.toString()));
    assertTrue(result.datasource().isEmpty());
    assertTrue(
        result.problems().stream()
            .anyMatch(
                p -> p.file().endsWith("services/web.yaml") && p.message().contains("aliases")),
        result.problems()::toString);
  }

  @Test
  void load_rejectsJavaTypeTag() {
    onlyProblem(
        load(
            Map.of(
                "datasource.yaml",
                "format: 1\nname: demo\ntitle: !!javax.script.ScriptEngineManager"
                    + " [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1/x\"]]]]\n"
                    + "maintainer: m\n")),
        "datasource.yaml",
        3,
        "tag !!javax.script.ScriptEngineManager is not allowed");
  }

  @Test
  void load_rejectsFileAboveSizeLimitBeforeReadingIt() {
    AtomicLong read = new AtomicLong();
    SourceTree endless =
        new SourceTree() {
          @Override
          public List<String> files() {
            return List.of("datasource.yaml");
          }

          @Override
          public List<Problem> listingProblems() {
            return List.of();
          }

          @Override
          public String shown(String path) {
            return "stream/" + path;
          }

          @Override
          public long size(String path) {
            return -1;
          }

          @Override
          public InputStream open(String path) {
            return new InputStream() {
              @Override
              public int read() {
                read.incrementAndGet();
                return 'x';
              }
            };
          }
        };
    YamlLimits limits = new YamlLimits(4096, 1024, 50, 50, 1000);
    LoadResult result = new DatasourceLoader(limits).load(endless);
    assertTrue(
        result.problems().stream()
            .anyMatch(p -> p.message().equals("file is larger than the limit of 4096 bytes")),
        result.problems()::toString);
    assertTrue(read.get() <= 4097, "read " + read.get() + " bytes of an endless file");
  }

  @Test
  void load_rejectsLargeFileOnDiskByItsSize() throws IOException {
    DemoDatasource.write(dir, Map.of());
    Files.writeString(
        dir.resolve("services/web.yaml"), "name: web\ndescription: " + "x".repeat(2 << 20));
    onlyProblem(
        new DatasourceLoader().load(dir),
        "services/web.yaml",
        1,
        "larger than the limit of 1048576 bytes");
  }

  @Test
  void load_rejectsScalarAboveLimit() {
    LoadResult result =
        new DatasourceLoader(new YamlLimits(1 << 20, 100, 50, 50, 10_000))
            .load(
                DemoDatasource.write(
                    dir,
                    Map.of(
                        "servermodels/1.0/base.yaml",
                        "name: base\nrelease: \"1.0\"\ndescription: " + "y".repeat(500) + "\n")));
    onlyProblem(result, "servermodels/1.0/base.yaml", 3, "more than the limit of 100");
  }

  @Test
  void load_rejectsDuplicateKeys() {
    onlyProblem(
        load(
            Map.of("releases/1.0.yaml", "name: \"1.0\"\nstatus: supported\nstatus: maintenance\n")),
        "releases/1.0.yaml",
        3,
        "duplicate key 'status' (first at line 2)");
  }

  @Test
  void load_rejectsExtendsCycle() {
    LoadResult result =
        load(
            Map.of(
                "servermodels/1.0/base.yaml",
                "name: base\nrelease: \"1.0\"\nextends: gateway\nservices: [dns]\n"));
    assertEquals(2, result.problems().size(), result.problems()::toString);
    assertTrue(
        result.problems().get(0).message().contains("extends cycle: base -> gateway -> base"));
    assertEquals(3, result.problems().get(0).line());
    assertTrue(
        result.problems().get(1).message().contains("extends cycle: gateway -> base -> gateway"));
  }

  @Test
  void load_rejectsDanglingExtends() {
    onlyProblem(
        load(
            Map.of(
                "servermodels/1.0/gateway.yaml",
                "name: gateway\nrelease: \"1.0\"\nextends: bsae\nservices: [web]\n")),
        "servermodels/1.0/gateway.yaml",
        3,
        "extends 'bsae', which is not a model of release 1.0");
  }

  @Test
  void load_rejectsWrongType() {
    onlyProblem(
        load(
            Map.of(
                "servermodels/1.0/gateway.yaml",
                "name: gateway\nrelease: \"1.0\"\nextends: base\nservices: [web]\nvariables:\n  workers: many\n")),
        "servermodels/1.0/gateway.yaml",
        6,
        "value of 'workers': expected an integer written in decimal, found 'many'");
  }

  @Test
  void load_rejectsOutOfRangePort() {
    onlyProblem(
        load(
            Map.of(
                "servermodels/1.0/gateway.yaml",
                "name: gateway\nrelease: \"1.0\"\nextends: base\nservices: [web]\nvariables:\n  web_port: 70000\n")),
        "servermodels/1.0/gateway.yaml",
        6,
        "port 70000 is outside 1..65535");
  }

  @Test
  void load_reportsAnInvalidDefinitionOnceNotAgainWhereAModelSetsTheVariable() {
    // gateway sets workers, which must not also be reported as defined by no service.
    String web =
        DemoDatasource.FILES
            .get("services/web.yaml")
            .replace("    default: 4\n", "    default: 100\n");
    onlyProblem(
        load(Map.of("services/web.yaml", web)),
        "services/web.yaml",
        24,
        "default of 'workers': 100 is above the maximum 64");
  }

  @Test
  void load_rejectsUnknownKeyWithSuggestion() {
    onlyProblem(
        load(Map.of("releases/1.0.yaml", "name: \"1.0\"\nstatus: supported\ncodname: Jammy\n")),
        "releases/1.0.yaml",
        3,
        "unknown key 'codname' in a release; did you mean 'codename'?");
  }

  @Test
  void load_rejectsPrivateKeyPastedInValue() {
    String pem =
        "name: web\ndescription: |\n  -----BEGIN OPENSSH PRIVATE KEY-----\n  b3BlbnNzaC1rZXktdjEAAAAA\n  -----END OPENSSH PRIVATE KEY-----\n";
    LoadResult result = load(Map.of("services/web.yaml", pem));
    assertTrue(
        result.problems().stream()
            .anyMatch(
                p ->
                    p.file().endsWith("services/web.yaml")
                        && p.line() == 3
                        && p.message().contains("private key block")),
        result.problems()::toString);
  }

  @Test
  void load_rejectsPasswordDefault() {
    onlyProblem(
        load(
            Map.of(
                "services/dns.yaml",
                "name: dns\nvariables:\n  resolvers: {type: list, items: ip}\n  dns_secure: {type: boolean}\n  zone_label: {type: string}\n  dns_key:\n    type: password\n    default: hunter2\n")),
        "services/dns.yaml",
        8,
        "a password may not be set in a datasource");
  }

  @Test
  void load_rejectsNonUtf8File() {
    DemoDatasource.write(dir, Map.of());
    byte[] latin1 = "name: web\ndescription: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    DemoDatasource.writeFile(dir.resolve("services/web.yaml"), latin1);
    onlyProblem(new DatasourceLoader().load(dir), "services/web.yaml", 2, "not valid UTF-8");
    assertEquals(17, new DatasourceLoader().load(dir).problems().get(0).column());
  }

  @Test
  void load_rejectsEmptyFile() {
    onlyProblem(load(Map.of("services/web.yaml", "")), "services/web.yaml", 1, "file is empty");
  }

  @Test
  void load_rejectsNameThatDoesNotMatchFile() {
    onlyProblem(
        load(Map.of("releases/1.0.yaml", "name: \"1.1\"\nstatus: supported\n")),
        "releases/1.0.yaml",
        1,
        "name '1.1' does not match the file name '1.0.yaml'");
  }

  @Test
  void load_rejectsUnknownService() {
    onlyProblem(
        load(
            Map.of(
                "servermodels/1.0/base.yaml",
                "name: base\nrelease: \"1.0\"\nservices: [dns, ftp]\n")),
        "servermodels/1.0/base.yaml",
        3,
        "unknown service 'ftp': release 1.0 offers dns, web");
  }

  @Test
  void load_rejectsVariableOfAServiceTheModelDoesNotRun() {
    onlyProblem(
        load(
            Map.of(
                "servermodels/1.0/base.yaml",
                "name: base\nrelease: \"1.0\"\nservices: [dns]\nvariables:\n  web_port: 8080\n")),
        "servermodels/1.0/base.yaml",
        5,
        "variable 'web_port' is not defined by any service of model 'base' (services: dns)");
  }

  @Test
  void load_rejectsVariableDefinedByTwoServices() {
    onlyProblem(
        load(
            Map.of(
                "services/dns.yaml",
                "name: dns\nvariables:\n  resolvers: {type: list, items: ip}\n  dns_secure: {type: boolean}\n  zone_label: {type: string}\n  workers: {type: integer}\n")),
        "services/web.yaml",
        20,
        "variable 'workers' is already defined by service 'dns'");
  }

  @Test
  void load_rejectsDefaultOutsideChoices() {
    LoadResult result =
        load(
            Map.of(
                "services/web.yaml",
                DemoDatasource.FILES
                    .get("services/web.yaml")
                    .replace("default: safe", "default: slow")));
    onlyProblem(result, "services/web.yaml", 19, "'slow' is not one of the choices [fast, safe]");
  }

  @Test
  void load_rejectsCidrWithHostBits() {
    LoadResult result =
        load(
            Map.of(
                "services/web.yaml",
                DemoDatasource.FILES.get("services/web.yaml").replace("10.0.0.0/8", "10.0.0.1/8")));
    onlyProblem(result, "services/web.yaml", 15, "'10.0.0.1/8' has host bits set");
  }

  @Test
  void load_rejectsValueThatBreaksPattern() {
    onlyProblem(
        load(
            Map.of(
                "servermodels/1.0/gateway.yaml",
                "name: gateway\nrelease: \"1.0\"\nextends: base\nservices: [web]\nvariables:\n  zone_label: GW1\n")),
        "servermodels/1.0/gateway.yaml",
        6,
        "'GW1' does not match the pattern [a-z]+");
  }

  @Test
  void load_rejectsBackReferencePattern_namingFileAndLine() {
    onlyProblem(
        load(
            Map.of(
                "services/dns.yaml",
                DemoDatasource.FILES.get("services/dns.yaml").replace("\"[a-z]+\"", "'(a)\\1'"))),
        "services/dns.yaml",
        12,
        "invalid regular expression (RE2 syntax: no back-references, no look-around): invalid"
            + " escape sequence");
  }

  @Test
  void load_rejectsNulInAModelsTitle_thatPostgresqlCouldNotStore() {
    onlyProblem(
        load(
            Map.of(
                "servermodels/1.0/base.yaml",
                DemoDatasource.FILES
                    .get("servermodels/1.0/base.yaml")
                    .replace("title: Base", "title: \"Ba\\0se\""))),
        "servermodels/1.0/base.yaml",
        3,
        "the value holds the control character U+0000 at character 3; text may hold tabs and"
            + " newlines, no other control character");
  }

  @Test
  void load_rejectsLoneSurrogateInAModelsDescription() {
    onlyProblem(
        load(
            Map.of(
                "servermodels/1.0/base.yaml",
                DemoDatasource.FILES
                    .get("servermodels/1.0/base.yaml")
                    .replace("title: Base", "title: Base\ndescription: \"\\uD800\""))),
        "servermodels/1.0/base.yaml",
        4,
        "the value holds a lone surrogate U+D800 at character 1, not Unicode");
  }

  @Test
  void load_rejectsYesAsBoolean() {
    onlyProblem(
        load(
            Map.of(
                "servermodels/1.0/base.yaml",
                "name: base\nrelease: \"1.0\"\nservices: [dns]\nvariables:\n  dns_secure: yes\n")),
        "servermodels/1.0/base.yaml",
        5,
        "write true or false, not 'yes'");
  }

  @Test
  void load_rejectsModelOfUnknownRelease() {
    LoadResult result =
        load(Map.of("servermodels/2.0/extra.yaml", "name: extra\nrelease: \"2.0\"\n"));
    onlyProblem(result, "servermodels/2.0/extra.yaml", 2, "release '2.0' is not defined");
  }

  @Test
  void load_stillChecksValuesOfModelsInAnUndefinedRelease() {
    LoadResult result =
        load(
            Map.of(
                "servermodels/2.0/extra.yaml",
                "name: extra\nrelease: \"2.0\"\nservices: [web]\nvariables:\n  admin_password: s3cret\n"));
    List<String> messages = result.problems().stream().map(Problem::message).toList();
    assertEquals(2, messages.size(), messages::toString);
    assertTrue(messages.get(0).startsWith("release '2.0' is not defined"));
    assertTrue(messages.get(1).contains("a password may not be set"));
  }

  @Test
  void load_rejectsUnexpectedFileAndMissingDatasourceYaml() {
    LoadResult result = load(java.util.Collections.singletonMap("datasource.yaml", null));
    assertTrue(result.problems().stream().anyMatch(p -> p.message().startsWith("missing")));
    LoadResult stray = load(Map.of("services/web.yml", "name: web\n"));
    onlyProblem(stray, "services/web.yml", 1, "unexpected file");
  }

  @Test
  void load_rejectsSymbolicLink() throws IOException {
    DemoDatasource.write(dir, Map.of());
    Path outside =
        Files.writeString(
            dir.getParent().resolve("outside-" + dir.getFileName() + ".yaml"), "name: x\n");
    try {
      Files.createSymbolicLink(dir.resolve("services/link.yaml"), outside);
      LoadResult result = new DatasourceLoader().load(dir);
      onlyProblem(result, "services/link.yaml", 1, "symbolic links are not allowed");
    } finally {
      Files.deleteIfExists(outside);
    }
  }

  @Test
  void load_collectsEveryProblemAtOnce() {
    LoadResult result =
        load(
            Map.of(
                "releases/1.0.yaml", "name: \"1.0\"\nstatus: retired\n",
                "services/dns.yaml", "name: dns\nvariables:\n  resolvers: {type: list}\n",
                "servermodels/1.0/base.yaml", "name: base\nrelease: \"1.0\"\ncolour: red\n"));
    List<String> messages = result.problems().stream().map(Problem::message).toList();
    assertTrue(
        messages.stream().anyMatch(m -> m.startsWith("unknown status 'retired'")),
        messages::toString);
    assertTrue(
        messages.stream().anyMatch(m -> m.startsWith("a list needs 'items'")), messages::toString);
    assertTrue(
        messages.stream().anyMatch(m -> m.startsWith("unknown key 'colour'")), messages::toString);
  }
}
