package dev.alize.consumer.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.consumer.persistence.DatabaseKinds;
import dev.alize.consumer.persistence.TestDatabases.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** What an import refuses to overwrite, leaving everything as it was. */
class ImportGuardsTest {

  @TempDir Path tmp;

  @DatabaseKinds
  void aDatasourceOfOneRepository_isNotReplacedFromAnother(Kind kind) {
    EoleTree v1 = EoleTree.sample(tmp.resolve("v1"));
    try (ImportSite site = new ImportSite(kind, tmp.resolve("data"))) {
      site.importTree(v1, "1.0.0");
      Map<String, List<String>> before = site.snapshot();
      ImportRequest upstream = site.request(v1, "9.0.0");
      ImportRequest thirdParty =
          new ImportRequest(
              "third-party",
              upstream.datasource(),
              upstream.version(),
              upstream.targetPath(),
              upstream.archive(),
              upstream.targetHash(),
              upstream.targetsVersion());

      ImportException e =
          assertThrows(ImportException.class, () -> site.importer.importRelease(thirdParty));

      assertTrue(
          e.getMessage().contains("is imported from repository 'upstream', not 'third-party'"),
          e.getMessage());
      assertEquals("failed", site.lastRun().get("outcome"));
      Map<String, List<String>> after = site.snapshot();
      after.remove("import_run");
      before.remove("import_run");
      assertEquals(before, after);
    }
  }

  @DatabaseKinds
  void aRollback_isRefusedWhenAnotherImportChangedTheDatasourceMeanwhile(Kind kind) {
    EoleTree v1 = EoleTree.sample(tmp.resolve("v1"));
    try (ImportSite site = new ImportSite(kind, tmp.resolve("data"))) {
      site.importTree(v1, "1.0.0");
      site.importTree(v1, "3.0.0");
      Map<String, List<String>> before = site.snapshot();

      // Decided when 2.0.0 was current; 3.0.0 was imported since.
      ImportException e =
          assertThrows(
              ImportException.class,
              () -> site.importer.rollback(site.request(v1, "1.0.0"), "2.0.0"));

      assertTrue(e.getMessage().contains("is now at 3.0.0, not 2.0.0"), e.getMessage());
      Map<String, List<String>> after = site.snapshot();
      after.remove("import_run");
      before.remove("import_run");
      assertEquals(before, after);
    }
  }
}
