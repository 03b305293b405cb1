package dev.alize.common.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
  void compare_oneModelChanged_onlyItIsReadInEitherRelease_withTheModelItExtends() {
    String siteB = "servermodels/1.0/site-b.yaml";
    Map<String, String> after = with(Map.of(siteB, FILES.get(siteB).replace("8002", "8003")));

    PreviousRelease.Comparison c = compared(after);

    assertEquals(paths("base", "site-a", "lone"), c.unchanged());
    assertEquals(paths("site-a", "lone"), c.unread());
    assertEquals(
        Map.of("1.0", Map.of("site-b", model(load(FILES), "site-b"))), c.previous().models());
    Datasource next = loadChanged(after, c);
    assertEquals(Set.of("site-b"), c.changed(next).models().get("1.0").keySet());
    assertEquals(
        List.of("1.0/site-b"),
        DatasourceDiffer.diff(c.previous(), c.changed(next)).changes().stream()
            .map(Change::path)
            .toList());
  }

  @Test
  void compare_aChangedParentHasItsChildrenReadToo() {
    Map<String, String> after =
        with(
            Map.of(
                "servermodels/1.0/base.yaml",
                "name: base\nrelease: \"1.0\"\ntitle: Base\nservices: [web]\n"));

    PreviousRelease.Comparison c = compared(after);

    assertEquals(paths("lone"), c.unchanged());
    assertEquals(paths("lone"), c.unread());
    Map<String, EffectiveModel> all = new HashMap<>(load(FILES).models().get("1.0"));
    all.remove("lone");
    assertEquals(Map.of("1.0", all), c.previous().models());
  }

  @Test
  void compare_aChangeOutsideTheModelsHasEveryModelRead() {
    Map<String, String> after =
        with(Map.of("services/web.yaml", FILES.get("services/web.yaml").replace("80", "8080")));

    PreviousRelease.Comparison c = compared(after);

    assertEquals(Set.of(), c.unchanged());
    assertEquals(Set.of(), c.unread());
    assertEquals(load(FILES), c.previous());
    Datasource next = loadChanged(after, c);
    assertEquals(next, c.changed(next));
  }

  @Test
  void compare_modelsAddedAndRemoved() {
    Map<String, String> after = new LinkedHashMap<>(FILES);
    after.remove("servermodels/1.0/lone.yaml");
    after.put("servermodels/1.0/site-c.yaml", "name: site-c\nrelease: \"1.0\"\nextends: base\n");

    PreviousRelease.Comparison c = compared(after);

    assertEquals(paths("base", "site-a", "site-b"), c.unchanged());
    assertEquals(paths("site-a", "site-b"), c.unread());
    assertEquals(Map.of("1.0", Map.of("lone", model(load(FILES), "lone"))), c.previous().models());
    Datasource next = loadChanged(after, c);
    assertEquals(
        DatasourceDiffer.diff(load(FILES), load(after)).changes(),
        DatasourceDiffer.diff(c.previous(), c.changed(next)).changes());
  }

  @Test
  void compare_aModelThatExtendsThroughAnEscapedKey_isReadWhenItsParentChanges() {
    // "\x65xtends" is YAML's escape for "extends": the key without its letters.
    String child = "name: site-e\nrelease: \"1.0\"\n\"\\x65xtends\": base\n";
    Map<String, String> before = with(Map.of("servermodels/1.0/site-e.yaml", child));
    Map<String, String> after = new LinkedHashMap<>(before);
    after.put(
        "servermodels/1.0/base.yaml",
        "name: base\nrelease: \"1.0\"\ntitle: Base\nservices: [web]\n");

    PreviousRelease.Comparison c =
        PreviousRelease.read("previous", archive(before)).compare(archive(after));

    assertEquals(paths("lone"), c.unchanged());
    Datasource next = loadChanged(after, c);
    assertEquals(
        DatasourceDiffer.diff(load(before), load(after)).changes(),
        DatasourceDiffer.diff(c.previous(), c.changed(next)).changes());
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
  void compare_refusesANewModelWhoseChainIsBroken() {
    Map<String, String> after = new LinkedHashMap<>(FILES);
    after.put("servermodels/1.0/site-c.yaml", "name: site-c\nrelease: \"1.0\"\nextends: gone\n");
    PreviousRelease previous = PreviousRelease.read("previous", archive(FILES));

    InvalidDatasourceException e =
        assertThrows(InvalidDatasourceException.class, () -> previous.compare(archive(after)));
    assertTrue(e.getMessage().contains("site-c.yaml"), e.getMessage());
  }

  @Test
  void previous_refusesAnInvalidModelThatMustBeRead() {
    Map<String, String> before =
        with(
            Map.of(
                "servermodels/1.0/lone.yaml", "name: lone\nrelease: \"1.0\"\nservices: [mail]\n"));
    PreviousRelease.Comparison c =
        PreviousRelease.read("previous", archive(before)).compare(archive(FILES));

    InvalidDatasourceException e = assertThrows(InvalidDatasourceException.class, c::previous);
    assertTrue(e.getMessage().contains("lone.yaml"), e.getMessage());
  }

  /** The release of {@link #FILES} read from its archive, compared with {@code files}'. */
  private static PreviousRelease.Comparison compared(Map<String, String> files) {
    return PreviousRelease.read("previous", archive(FILES)).compare(archive(files));
  }

  /** The new release of {@code files}, loaded but for the models the comparison leaves unread. */
  private static Datasource loadChanged(Map<String, String> files, PreviousRelease.Comparison c) {
    return new DatasourceLoader().load(tree(files), c.unread()).orThrow();
  }

  private static Set<String> paths(String... models) {
    return Stream.of(models)
        .map(m -> "servermodels/1.0/" + m + ".yaml")
        .collect(Collectors.toSet());
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
