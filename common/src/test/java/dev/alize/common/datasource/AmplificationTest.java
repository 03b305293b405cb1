package dev.alize.common.datasource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.error.Problem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small datasources built to cost a validator much more than their size: validation stays linear in
 * the input, and the answer stays small.
 */
class AmplificationTest {

  @TempDir Path dir;

  private static String model(String name, String parent) {
    return "name: "
        + name
        + "\nrelease: \"1.0\"\n"
        + (parent == null ? "services: [dns]\n" : "extends: " + parent + "\n");
  }

  private static String name(int i) {
    return String.format("m%04d", i);
  }

  private List<Problem> problems(Map<String, String> changes) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> new DatasourceLoader().load(DemoDatasource.write(dir, changes)).problems());
  }

  @Test
  void extendsChainOfThreeThousand_refusedOnceAtTheDepthLimit() {
    Map<String, String> files = new HashMap<>();
    for (int i = 0; i < 3000; i++) {
      files.put(
          "servermodels/1.0/" + name(i) + ".yaml", model(name(i), i == 0 ? null : name(i - 1)));
    }
    List<Problem> problems = problems(files);
    assertEquals(1, problems.size(), problems.subList(0, Math.min(3, problems.size())).toString());
    assertEquals(
        "model '"
            + name(DatasourceLinker.MAX_EXTENDS_DEPTH)
            + "' is more than "
            + DatasourceLinker.MAX_EXTENDS_DEPTH
            + " models down its extends chain",
        problems.get(0).message());
  }

  @Test
  void extendsCycleOfTwoThousand_problemsCappedAndCounted() {
    Map<String, String> files = new HashMap<>();
    for (int i = 0; i < 2000; i++) {
      files.put("servermodels/1.0/" + name(i) + ".yaml", model(name(i), name((i + 1) % 2000)));
    }
    List<Problem> problems = problems(files);
    assertEquals(Problems.MAX + 1, problems.size());
    assertEquals(
        "extends cycle: m0000 -> m0001 -> m0002 -> m0003 -> m0004 -> m0005 -> m0006 -> m0007 ->"
            + " m0008 -> m0009 -> ... (2000 models)",
        problems.get(0).message());
    assertEquals(
        "1000 more problems not listed: fix these first",
        problems.get(problems.size() - 1).message());
    long bytes = problems.stream().mapToLong(p -> p.toString().length()).sum();
    assertTrue(bytes < 512 * 1024, bytes + " bytes of problems");
  }

  @Test
  void thirtyFourThousandPrivateKeyMarkers_linearAndCapped() {
    String marker = "# -----BEGIN PRIVATE KEY-----\n";
    List<Problem> problems =
        problems(
            Map.of(
                "datasource.yaml",
                DemoDatasource.FILES.get("datasource.yaml") + marker.repeat(34_000)));
    assertEquals(Problems.MAX + 1, problems.size());
    assertEquals(6, problems.get(1).line(), problems.get(1).toString());
  }
}
