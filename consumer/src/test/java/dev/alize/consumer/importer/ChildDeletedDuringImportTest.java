package dev.alize.consumer.importer;

import static dev.alize.consumer.importer.ImportSite.AMON;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alize.consumer.persistence.DatabaseKinds;
import dev.alize.consumer.persistence.TestDatabases.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child model deleted while an import of its datasource runs, after the import has read the child
 * models and before it stores their conflicts: the deletion waits for the import, which commits
 * whole, then deletes the child with its conflicts.
 */
class ChildDeletedDuringImportTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path tmp;

  @DatabaseKinds
  void deleteChild_duringAnImportThatRaisesItsConflict_waitsAndTheImportCommits(Kind kind)
      throws Exception {
    EoleTree v1 = EoleTree.sample(tmp.resolve("v1"));
    EoleTree v2 = v1.copy(tmp.resolve("v2")).proxyPortDefault(3128, 3129);
    ExecutorService admin = Executors.newSingleThreadExecutor();
    try (ImportSite site = new ImportSite(kind, tmp.resolve("data"))) {
      site.importTree(v1, "1.0.0");
      site.child("amon-lycee", AMON, Map.of("proxy_port", "3130"), List.of());
      AtomicReference<Future<?>> deletion = new AtomicReference<>();
      site.onStep(
          (datasource, step) -> {
            if (step.equals("models written")) {
              deletion.set(admin.submit(() -> site.admin.deleteChild("amon-lycee")));
              site.awaitWritersWaiting(1, PATIENCE, deletion.get()::isDone);
            }
          });

      ImportResult result = site.importTree(v2, "2.0.0");
      deletion.get().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

      assertEquals(1, result.conflicts().raised().size());
      assertEquals(
          "import success", site.lastRun().get("kind") + " " + site.lastRun().get("outcome"));
      assertEquals("2.0.0", site.value("SELECT version FROM datasource"));
      assertEquals(0, site.count("child_model"));
      assertEquals(0, site.count("conflict"));
    } finally {
      admin.shutdownNow();
    }
  }
}
