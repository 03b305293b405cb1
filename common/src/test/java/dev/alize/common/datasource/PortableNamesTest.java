package dev.alize.common.datasource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.error.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datasources must mean the same on every file system their files may land on. */
class PortableNamesTest {

  @TempDir Path dir;

  private List<Problem> problems(Map<String, String> changes) {
    return new DatasourceLoader().load(DemoDatasource.write(dir, changes)).problems();
  }

  @Test
  void windowsDeviceNames_refusedWhateverTheirCaseAndExtension() {
    for (String name : List.of("con", "nul", "aux.x", "com1", "lpt9.d")) {
      Optional<String> problem = Names.ITEM.check(name);
      assertTrue(problem.isPresent(), name);
      assertTrue(problem.get().contains("Windows reserves this one"), problem.get());
    }
    assertTrue(Names.RELEASE.check("CON").isPresent());
    assertTrue(Names.RELEASE.check("Nul").isPresent());
    assertEquals(Optional.empty(), Names.ITEM.check("console"));
    assertEquals(Optional.empty(), Names.ITEM.check("com10"));
  }

  @Test
  void aTrailingDot_refused() {
    assertTrue(Names.ITEM.check("aux.").isPresent());
    assertTrue(Names.RELEASE.check("2.9.").isPresent());
  }

  @Test
  void aModelNamedNul_refusedWithItsFile() {
    List<Problem> problems =
        problems(
            Map.of("servermodels/1.0/nul.yaml", "name: nul\nrelease: \"1.0\"\nservices: [dns]\n"));
    assertTrue(
        problems.stream()
            .anyMatch(p -> p.message().startsWith("invalid service or model name 'nul'")),
        problems.toString());
  }

  @Test
  void twoFilesThatDifferOnlyByCase_refused() {
    List<Problem> problems =
        problems(
            Map.of(
                "releases/RC.yaml", "name: RC\nstatus: development\n",
                "releases/rc.yaml", "name: rc\nstatus: development\n"));
    assertTrue(
        problems.stream()
            .anyMatch(
                p ->
                    p.message()
                        .equals(
                            "the same name as releases/RC.yaml where case is ignored (Windows,"
                                + " macOS): the two would be one file there")),
        problems.toString());
  }

  @Test
  void aHardLink_refused() throws IOException {
    DemoDatasource.write(dir, Map.of());
    Path outside = Files.writeString(dir.getParent().resolve("secret-" + dir.getFileName()), "x");
    try {
      Files.createLink(dir.resolve("services/secret.yaml"), outside);
      List<Problem> problems = new DatasourceLoader().load(dir).problems();
      assertEquals(1, problems.size(), problems.toString());
      assertEquals("hard links are not allowed in a datasource", problems.get(0).message());
    } finally {
      Files.deleteIfExists(outside);
    }
  }
}
