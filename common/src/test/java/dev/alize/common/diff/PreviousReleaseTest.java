package dev.alize.common.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.archive.ArchiveException;
import dev.alize.common.archive.DeterministicArchive;
import dev.alize.common.datasource.Datasource;
import dev.alize.common.datasource.DatasourceLoader;
import dev.alize.common.datasource.EffectiveModel;
import dev.alize.common.datasource.InvalidDatasourceException;
import dev.alize.common.datasource.MemorySourceTree;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreviousReleaseTest {

  private static final Map<String, String> FILES = new LinkedHashMap<>();

  static {
    FILES.put("datasource.yaml", "format: 1\nname: demo\ntitle: Demo\nmaintainer: Demo team\n");
    FILES.put("releases/1.0.yaml", "name: \"1.0\"\nstatus: supported\n");
    FILES.put(
        "services/web.yaml",
        "name: web\nvariables:\n  web_port:\n    type: port\n    default: 80\n");
    FILES.put("servermodels/1.0/base.yaml", "name: base\nrelease: \"1.0\"\nservices: [web]\n");
    FILES.put(
        "servermodels/1.0/site-a.yaml",
        "name: site-a\nrelease: \"1.0\"\nextends: base\nvariables:\n  web_port: 8001\n");
    FILES.put(
        "servermodels/1.0/site-b.yaml",
        "name: site-b\nrelease: \"1.0\"\nextends: base\nvariables:\n  web_port: 8002\n");
    FILES.put("servermodels/1.0/lone.yaml", "name: lone\nrelease: \"1.0\"\nservices: [web]\n");
  }

  @Test
  void compare_unchangedModelsAreTheNewReleasesOwn_changedOnesAreReadFromTheArchive() {
    String siteB = "servermodels/1.0/site-b.yaml";
    Map<String, String> after = with(Map.of(siteB, FILES.get(siteB).replace("8002", "8003")));
    Datasource next = load(after);

    Datasource previous = previousAgainst(after, next);

    assertReadFromTheArchive(previous, next, "site-b");
    assertEquals(model(load(FILES), "site-b"), model(previous, "site-b"));
    assertEquals(
        List.of("1.0/site-b"),
        DatasourceDiffer.diff(previous, next).changes().stream().map(Change::path).toList());
  }

  @Test
  void compare_aChangedParentHasItsChildrenReadToo() {
    Map<String, String> after =
        with(
            Map.of(
                "servermodels/1.0/base.yaml",
                "name: base\nrelease: \"1.0\"\ntitle: Base\nservices: [web]\n"));
    Datasource next = load(after);

    Datasource previous = previousAgainst(after, next);

    assertReadFromTheArchive(previous, next, "base", "site-a", "site-b");
    assertEquals(load(FILES).models(), previous.models());
  }

  @Test
  void compare_aChangeOutsideTheModelsHasEveryModelRead() {
    Map<String, String> after =
        with(Map.of("services/web.yaml", FILES.get("services/web.yaml").replace("80", "8080")));
    Datasource next = load(after);

    Datasource previous = previousAgainst(after, next);

    assertReadFromTheArchive(previous, next, "base", "site-a", "site-b", "lone");
    assertEquals(load(FILES), previous);
  }

  @Test
  void compare_modelsAddedAndRemoved() {
    Map<String, String> after = new LinkedHashMap<>(FILES);
    after.remove("servermodels/1.0/lone.yaml");
    after.put("servermodels/1.0/site-c.yaml", "name: site-c\nrelease: \"1.0\"\nextends: base\n");
    Datasource next = load(after);

    Datasource previous = previousAgainst(after, next);

    assertEquals(load(FILES).models(), previous.models());
    assertEquals(
        DatasourceDiffer.diff(load(FILES), next).changes(),
        DatasourceDiffer.diff(previous, next).changes());
  }

  @Test
  void read_namesTheDatasource() {
    assertEquals("demo", PreviousRelease.read("previous", archive(FILES)).name());
  }

  @Test
  void read_refusesWhatIsNoArchive() {
    byte[] garbage = "not a tar.gz".getBytes(StandardCharsets.UTF_8);

    assertThrows(ArchiveException.class, () -> PreviousRelease.read("previous", garbage));
  }

  @Test
  void read_refusesAnInvalidFrame() {
    byte[] broken = archive(with(Map.of("services/web.yaml", "name: web\nvariables: [oops]\n")));

    InvalidDatasourceException e =
        assertThrows(
            InvalidDatasourceException.class, () -> PreviousRelease.read("previous", broken));
    assertTrue(e.getMessage().contains("services/web.yaml"), e.getMessage());
  }

  @Test
  void compare_refusesAnInvalidModelThatMustBeRead() {
    Map<String, String> before =
        with(
            Map.of(
                "servermodels/1.0/lone.yaml", "name: lone\nrelease: \"1.0\"\nservices: [mail]\n"));
    PreviousRelease previous = PreviousRelease.read("previous", archive(before));

    InvalidDatasourceException e =
        assertThrows(InvalidDatasourceException.class, () -> previous.compare(archive(FILES)));
    assertTrue(e.getMessage().contains("lone.yaml"), e.getMessage());
  }

  @Test
  void datasource_refusesANewReleaseThatIsNotTheArchiveComparedWith() {
    PreviousRelease.Compared compared =
        PreviousRelease.read("previous", archive(FILES)).compare(archive(FILES));
    Map<String, String> other = new LinkedHashMap<>(FILES);
    other.remove("servermodels/1.0/lone.yaml");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> compared.datasource(load(other)));
    assertTrue(e.getMessage().contains("1.0/lone"), e.getMessage());
  }

  /** The release of {@link #FILES} read from its archive, compared with {@code files}'. */
  private static Datasource previousAgainst(Map<String, String> files, Datasource next) {
    return PreviousRelease.read("previous", archive(FILES))
        .compare(archive(files))
        .datasource(next);
  }

  /** Each model of {@code read} was read from the archive; every other one is {@code next}'s. */
  private static void assertReadFromTheArchive(
      Datasource previous, Datasource next, String... read) {
    for (String m : List.of("base", "site-a", "site-b", "lone")) {
      if (List.of(read).contains(m)) {
        assertNotSame(model(next, m), model(previous, m), m);
      } else {
        assertSame(model(next, m), model(previous, m), m);
      }
    }
  }

  private static EffectiveModel model(Datasource d, String name) {
    return d.findModel("1.0", name).orElseThrow();
  }

  private static Map<String, String> with(Map<String, String> changes) {
    Map<String, String> files = new LinkedHashMap<>(FILES);
    files.putAll(changes);
    return files;
  }

  private static Datasource load(Map<String, String> files) {
    return new DatasourceLoader().load(tree(files)).orThrow();
  }

  private static byte[] archive(Map<String, String> files) {
    return DeterministicArchive.write(tree(files));
  }

  private static MemorySourceTree tree(Map<String, String> files) {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    files.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
    return new MemorySourceTree("demo", bytes);
  }
}
